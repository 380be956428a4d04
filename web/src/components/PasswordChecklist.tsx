import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { passwordProblems } from '../../../src/modules/auth/schema.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * The password rules, live: every rule the shared `passwordProblems` knows, ticked off as the
 * user types. The rule list is taken from the function itself, so the form says what the API checks.
 */
export function PasswordChecklist({ password, username }: { password: string; username?: string }) {
  const { l, t } = useI18n();
  const rules = new Map<string, { zh: string; en: string }>();
  for (const p of passwordProblems('')) rules.set(p.zh, p);
  if (username) for (const p of passwordProblems(username, username)) rules.set(p.zh, p);
  const failing = new Set(passwordProblems(password, username).map((p) => p.zh));
  for (const p of passwordProblems(password, username)) rules.set(p.zh, p);
  const empty = password.length === 0;

  return (
    <div className="ls-pw-rules" data-testid="pw-rules" aria-live="polite">
      <div className="ls-pw-rules-title">{t('password.rulesTitle')}</div>
      <ul>
        {[...rules.values()].map((rule) => {
          const ok = !failing.has(rule.zh);
          const cls = empty ? 'pending' : ok ? 'ok' : 'bad';
          return (
            <li key={rule.zh} className={cls} data-ok={!empty && ok}>
              {empty ? <MinusCircleOutlined /> : ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
              <span>{l(rule)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
