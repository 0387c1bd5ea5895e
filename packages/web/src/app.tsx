import { lazy, Suspense, useSyncExternalStore } from 'react';
import { BrowserRouter, Navigate, Route, Routes, Link } from 'react-router';
import { MeProvider, useMe } from './auth/me-context.tsx';
import { session } from './auth/session.ts';
import { Loading } from './components/error-box.tsx';
import { Layout } from './components/layout.tsx';
import { CataloguePage } from './pages/catalogue/catalogue-page.tsx';
import { SignInPage } from './pages/sign-in/sign-in-page.tsx';

// Screens with the heavier libraries (forms, charts) load when they are opened, not with the catalogue.
const ConnectorPage = lazy(() => import('./pages/detail/connector-page.tsx'));
const WizardPage = lazy(() => import('./pages/wizard/wizard-page.tsx'));
const InstalledPage = lazy(() => import('./pages/installed/installed-page.tsx'));
const ExecutionsPage = lazy(() => import('./pages/operations/executions-page.tsx'));
const LogsPage = lazy(() => import('./pages/operations/logs-page.tsx'));
const ActionRunsPage = lazy(() => import('./pages/operations/action-runs-page.tsx'));
const RecordsPage = lazy(() => import('./pages/records/records-page.tsx'));
const HealthPage = lazy(() => import('./pages/operations/health-page.tsx'));
const TicketsPage = lazy(() => import('./pages/tickets/tickets-page.tsx'));
const TicketPage = lazy(() => import('./pages/tickets/ticket-page.tsx'));
const TicketRulesPage = lazy(() => import('./pages/tickets/ticket-rules-page.tsx'));
const SlaPoliciesPage = lazy(() => import('./pages/tickets/sla-policies-page.tsx'));
const DestinationsPage = lazy(() => import('./pages/destinations/destinations-page.tsx'));
const DeliveriesPage = lazy(() => import('./pages/events/deliveries-page.tsx'));
const SubscriptionsPage = lazy(() => import('./pages/events/subscriptions-page.tsx'));
const AuthConfigsPage = lazy(() => import('./pages/access/auth-configs-page.tsx'));
const TokensPage = lazy(() => import('./pages/access/tokens-page.tsx'));
const MappingsPage = lazy(() => import('./pages/mappings/mappings-page.tsx'));
const MappingDesignerPage = lazy(() => import('./pages/mappings/designer-page.tsx'));

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No screen here. Back to the <Link to="/integrations">catalogue</Link>.
      </p>
    </section>
  );
}

function SignedIn() {
  const { me, loading, error } = useMe();
  // The screens load their data while /api/auth/me answers (edit controls appear once the role is known);
  // a token the API refuses ends the session (api/client.ts) and brings the sign-in back.
  if (!loading && !me) return <SignInPage reason={error?.message} />;
  return (
    <Suspense fallback={<Loading what="the screen" />}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/integrations" replace />} />
          <Route path="integrations" element={<CataloguePage />} />
          <Route path="integrations/installed" element={<InstalledPage />} />
          <Route path="integrations/:key" element={<ConnectorPage />} />
          <Route path="integrations/:key/configure" element={<WizardPage />} />
          <Route path="operations/executions" element={<ExecutionsPage />} />
          <Route path="operations/logs" element={<LogsPage />} />
          <Route path="operations/actions" element={<ActionRunsPage />} />
          <Route path="operations/health" element={<HealthPage />} />
          <Route path="records" element={<RecordsPage />} />
          <Route path="tickets" element={<TicketsPage />} />
          <Route path="tickets/rules" element={<TicketRulesPage />} />
          <Route path="tickets/sla-policies" element={<SlaPoliciesPage />} />
          <Route path="tickets/:id" element={<TicketPage />} />
          <Route path="operations/destinations" element={<DestinationsPage />} />
          <Route path="operations/deliveries" element={<DeliveriesPage />} />
          <Route path="operations/subscriptions" element={<SubscriptionsPage />} />
          <Route path="access/credentials" element={<AuthConfigsPage />} />
          <Route path="access/tokens" element={<TokensPage />} />
          <Route path="mappings" element={<MappingsPage />} />
          <Route path="mappings/new" element={<MappingDesignerPage />} />
          <Route path="mappings/:id" element={<MappingDesignerPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** The UI: the sign-in until there is a token, then the screens; everything on them comes from the API. */
export function App() {
  const token = useSyncExternalStore(session.subscribe, session.token);
  return (
    <BrowserRouter>
      <MeProvider>{token ? <SignedIn /> : <SignInPage />}</MeProvider>
    </BrowserRouter>
  );
}

