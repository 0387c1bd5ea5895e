import { NavLink, Outlet } from 'react-router';
import { useMe } from '../auth/me-context.tsx';
import { session } from '../auth/session.ts';
import { DemoBanner } from './demo-banner.tsx';

const NAV = [
  { to: '/integrations', label: 'Catalogue', end: true },
  { to: '/integrations/installed', label: 'My integrations' },
  { to: '/operations/executions', label: 'Sync executions' },
  { to: '/operations/logs', label: 'Logs' },
  { to: '/operations/actions', label: 'Action runs' },
  { to: '/records', label: 'Records' },
  { to: '/mappings', label: 'Data mappings' },
  { to: '/operations/health', label: 'Health' },
  { to: '/tickets', label: 'Tickets' },
  { to: '/operations/destinations', label: 'Destinations' },
  { to: '/operations/deliveries', label: 'Deliveries' },
  { to: '/operations/subscriptions', label: 'Subscriptions' },
  { to: '/access/credentials', label: 'Credentials' },
  { to: '/access/tokens', label: 'Tokens' },
];

/** The frame of every signed-in screen: a skip link, the navigation, who is signed in, and the page. */
export function Layout() {
  const { me } = useMe();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DemoBanner />
      <header className="topbar">
        <span className="brand">Patchbay</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end}>
                  {n.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          {me && (
            <span title={me.label}>
              {me.label.split(' ')[0]} <span className="badge tone-neutral">{me.role}</span>
            </span>
          )}
          <button type="button" className="link" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
