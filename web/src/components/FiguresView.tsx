/**
 * Figures loaded for the filters in the address (statistics, dashboards, rankings). While figures
 * for other filters are on their way out they stay in view, dimmed, until replaced; after a
 * failure they would mislead, so only a failure (with a retry) or a spinner is shown then.
 */
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from '../feedback.ts';
import { LoadFailed, LoadFailedInline, PageSpin } from './PageState.tsx';

export interface FiguresState<T> {
  /** The figures to show, or null when there are none fit to show. */
  shown: T | null;
  /** The last answer is for the filters in the address. */
  current: boolean;
  /** Figures for the address's filters are on their way. */
  updating: boolean;
  loading: boolean;
  errorMessage: string | null;
  reload: () => void;
}

/** The state of figures loaded by useRemote; `isCurrent` tells whether an answer is for the filters in the address. */
export function useFigures<T>(remote: { data: T | null; loading: boolean; error: unknown; reload: () => void }, isCurrent: (data: T) => boolean): FiguresState<T> {
  const { t, lang } = useI18n();
  const { data, loading, error, reload } = remote;
  const errorMessage = error === null ? null : errorText(error, lang, t('error.unexpected'));
  const current = data !== null && isCurrent(data);
  const updating = loading || (!current && errorMessage === null);
  const shown = data !== null && (current || updating) ? data : null;
  return { shown, current, updating, loading, errorMessage, reload };
}

/** The figures (dimmed while updating, with `updatingText`), or the failure or a spinner in their place. */
export function FiguresView<T>({ state, updatingText, children }: { state: FiguresState<T>; updatingText: string; children: (shown: T) => ReactNode }) {
  const { shown, updating, loading, errorMessage, reload } = state;
  return (
    <>
      {errorMessage !== null && shown !== null && <LoadFailedInline error={errorMessage} onRetry={reload} />}
      {shown === null ? (
        errorMessage !== null && !loading ? (
          <LoadFailed error={errorMessage} onRetry={reload} />
        ) : (
          <PageSpin />
        )
      ) : (
        <Spin spinning={updating} description={updatingText}>
          {children(shown)}
        </Spin>
      )}
    </>
  );
}
