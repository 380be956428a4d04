/** Server field issues of the matters forms onto their fields, including rows of a list (milestones.0.due). */
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../../../src/platform/errors.ts';
import { isApiError } from '../../api.ts';
import { errorText, issueText } from '../../feedback.ts';
import { useI18n } from '../../i18n/index.tsx';

type NamePath = (string | number)[];

/** Where an issue's field lives in the form: list rows keep their index, other nested names fall back to the top field. */
function fieldPath(field: string, fields: readonly string[], lists: readonly string[]): NamePath | null {
  const parts = field.split('.');
  const head = parts[0] ?? '';
  if (!fields.includes(head)) return null;
  if (lists.includes(head) && parts.length >= 3 && /^\d+$/.test(parts[1] ?? '')) {
    return [head, Number(parts[1]), ...parts.slice(2)];
  }
  return [head];
}

/**
 * Field issues go next to the fields they name (a toast asks to check them); any other failure
 * shows the server's message, except a conflict, which is left to the caller. Returns the error's code (or null when the client
 * already reacted, e.g. went back to the login page).
 */
export function useMatterFormErrors(): (form: FormInstance, e: unknown, fields: readonly string[], lists?: readonly string[]) => string | null {
  const { message } = App.useApp();
  const { lang, t } = useI18n();
  return useCallback(
    (form, e, fields, lists = []) => {
      if (isApiError(e) && e.handled) return null;
      if (!isApiError(e)) {
        console.error(e);
        void message.error(t('error.unexpected'));
        return 'UNEXPECTED';
      }
      // The matter moved on under the user: the caller explains and reloads.
      if (e.code === 'CONFLICT' || e.code === 'VERSION_CONFLICT') return e.code;
      const byPath = new Map<string, { name: NamePath; errors: string[] }>();
      const rest: FieldIssue[] = [];
      for (const issue of e.issues) {
        const name = fieldPath(issue.field, fields, lists);
        if (!name) {
          rest.push(issue);
          continue;
        }
        const key = name.join('.');
        const entry = byPath.get(key) ?? { name, errors: [] };
        entry.errors.push(issueText(issue, lang));
        byPath.set(key, entry);
      }
      if (byPath.size) form.setFields([...byPath.values()]);
      if (rest.length) void message.error(rest.map((i) => issueText(i, lang)).join('；'));
      else if (byPath.size) void message.error(t('error.checkFields'));
      else void message.error(errorText(e, lang, t('error.unexpected')));
      return e.code;
    },
    [message, lang, t],
  );
}
