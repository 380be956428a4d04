/** Turning failures into words the user can act on. */
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../src/platform/errors.ts';
import { isApiError } from './api.ts';
import { useI18n, type Lang } from './i18n/index.tsx';

export function errorText(e: unknown, lang: Lang, fallback: string): string {
  if (isApiError(e)) return lang === 'zh' ? e.message : e.messageEn || e.message;
  return fallback;
}

export function issueText(issue: FieldIssue, lang: Lang): string {
  return lang === 'zh' ? issue.message : issue.messageEn || issue.message;
}

/** Shows an error as a toast unless the client already handled it (e.g. went to the login page). */
export function useReportError(): (e: unknown) => void {
  const { message } = App.useApp();
  const { lang, t } = useI18n();
  return useCallback(
    (e: unknown) => {
      if (isApiError(e) && e.handled) return;
      if (!isApiError(e)) console.error(e);
      void message.error(errorText(e, lang, t('error.unexpected')));
    },
    [message, lang, t],
  );
}

/**
 * Puts a validation error's issues next to the form fields they name. Returns the issues that
 * match no field (to be shown elsewhere).
 */
export function applyFormErrors(form: FormInstance, e: unknown, lang: Lang, fields: readonly string[]): FieldIssue[] {
  if (!isApiError(e)) return [];
  const rest: FieldIssue[] = [];
  const byField = new Map<string, string[]>();
  for (const issue of e.issues) {
    const name = fields.find((f) => issue.field === f || issue.field.startsWith(f + '.'));
    if (name) byField.set(name, [...(byField.get(name) ?? []), issueText(issue, lang)]);
    else rest.push(issue);
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}

/**
 * The usual submit failure handling of a form: field issues go onto the fields, anything else
 * becomes a toast. Returns true when something was shown next to a field.
 */
export function useFormErrorHandler(): (form: FormInstance, e: unknown, fields: readonly string[]) => boolean {
  const { message } = App.useApp();
  const { lang, t } = useI18n();
  return useCallback(
    (form: FormInstance, e: unknown, fields: readonly string[]) => {
      if (isApiError(e) && e.handled) return false;
      const hadIssues = isApiError(e) && e.issues.length > 0;
      const rest = applyFormErrors(form, e, lang, fields);
      const mapped = hadIssues && rest.length < (isApiError(e) ? e.issues.length : 0);
      if (mapped && rest.length === 0) {
        void message.error(t('error.checkFields'));
      } else if (rest.length > 0) {
        void message.error(rest.map((i) => (i.field ? `${i.field}: ` : '') + issueText(i, lang)).join('；'));
      } else {
        if (!isApiError(e)) console.error(e);
        void message.error(errorText(e, lang, t('error.unexpected')));
      }
      return mapped;
    },
    [message, lang, t],
  );
}
