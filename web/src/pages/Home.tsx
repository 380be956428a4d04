import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, RightOutlined } from '@ant-design/icons';
import { ACTIONS, POLICIES, ROLE_LABELS, SCOPE_LABELS, roleMay, type Action } from '../../../src/platform/policies.ts';
import { useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { scopeInWords } from '../scope.ts';

/** Where each permitted action is done, when there is a page for it. */
const ACTION_PAGES: Partial<Record<Action, string>> = {
  'org.read': '/org',
  'org.manage': '/org',
  'leader.manage': '/org?tab=leaders',
  'user.read': '/users',
  'user.manage': '/users',
  'user.reset_password': '/users',
  'audit.read': '/audit',
  'audit.verify': '/audit',
  'account.self': '/account',
  'matter.read': '/matters',
  'matter.create': '/matters/new',
  'matter.file': '/matters/suggest',
  'matter.handle': '/matters',
  'matter.review': '/matters?box=to_review',
  'matter.rate': '/matters?box=to_rate',
};

function greetingKey(): 'home.morning' | 'home.afternoon' | 'home.evening' {
  const h = new Date().getHours();
  return h < 12 ? 'home.morning' : h < 18 ? 'home.afternoon' : 'home.evening';
}

export default function HomePage() {
  const { me } = useMe();
  const { t, l } = useI18n();
  const allowed = ACTIONS.filter((a) => roleMay(me.role, a));

  return (
    <div data-testid="page-home">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card data-testid="home-welcome" className="ls-welcome">
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t(greetingKey(), { name: me.displayName })}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
            <Descriptions
              column={1}
              size="small"
              bordered
              styles={{ label: { width: 140 } }}
              items={[
                { key: 'username', label: t('home.username'), children: me.username },
                { key: 'unit', label: t('home.unit'), children: me.unit.name },
                {
                  key: 'role',
                  label: t('home.role'),
                  children: <Tag color="blue">{l(ROLE_LABELS[me.role])}</Tag>,
                },
                {
                  key: 'scope',
                  label: t('home.scope'),
                  children: (
                    <span>
                      <Tag>{l(SCOPE_LABELS[me.scope])}</Tag>
                      {scopeInWords(t, me.scope, me.unit.name)}
                    </span>
                  ),
                },
                {
                  key: 'idle',
                  label: t('home.session'),
                  children: t('home.sessionIdle', { minutes: me.sessionIdleMinutes }),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('home.canDo')} data-testid="home-permissions">
            {allowed.length === 0 ? (
              <Typography.Text type="secondary">{t('home.nothing')}</Typography.Text>
            ) : (
              <ul className="ls-can-list">
                {allowed.map((a) => {
                  const to = ACTION_PAGES[a];
                  return (
                    <li key={a} data-action={a}>
                      <span>
                        <CheckCircleTwoTone twoToneColor="#52c41a" style={{ marginRight: 8 }} />
                        {l(POLICIES[a])}
                        {POLICIES[a].scoped && (
                          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                            {t('home.within', { scope: l(SCOPE_LABELS[me.scope]) })}
                          </Typography.Text>
                        )}
                      </span>
                      {to && (
                        <Link to={to}>
                          {t('home.go')} <RightOutlined />
                        </Link>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
