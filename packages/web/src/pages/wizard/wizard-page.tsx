import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useCanWrite, useMe } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { StepActivate } from './step-activate.tsx';
import { StepChoose } from './step-choose.tsx';
import { StepCredentials } from './step-credentials.tsx';
import { StepMapping } from './step-mapping.tsx';
import { defaultName, STEPS, type WizardProgress } from './wizard-state.ts';

/** `/integrations/:key/configure`: choose, credentials, data mapping, test & activate. */
export default function WizardPage() {
  const { key = '' } = useParams();
  const [params] = useSearchParams();
  const editing = params.get('instance');
  const canWrite = useCanWrite();
  const { loading: meLoading } = useMe();
  const [step, setStep] = useState(editing ? 1 : 0);
  const [progress, setProgress] = useState<WizardProgress | null>(null);
  const loaded = useLoad(async () => {
    const path = { params: { path: { id: key } } };
    const [connector, schema, capabilities, instance] = await Promise.all([
      unwrap(api.GET('/api/integration/connectors/{id}', path)),
      unwrap(api.GET('/api/integration/connectors/{id}/schema', path)),
      unwrap(api.GET('/api/integration/connectors/{id}/capabilities', path)),
      editing ? unwrap(api.GET('/api/integration/instances/{id}', { params: { path: { id: editing } } })) : Promise.resolve(undefined),
    ]);
    // Reconfiguring: the stored settings come back; the credentials stay in the vault unless replaced.
    const authConfig = instance?.auth_config_id ? await unwrap(api.GET('/api/integration/auth-configs/{id}', { params: { path: { id: instance.auth_config_id } } })) : undefined;
    if (instance) {
      setProgress({ name: instance.name, configuration: instance.configuration, authType: authConfig?.auth_type ?? '', credentials: {}, allowPrivateNetwork: instance.allow_private_network, instance, ...(authConfig ? { authConfigId: authConfig.id } : {}) });
    }
    return { connector, schema, capabilities };
  }, [key, editing]);

  if (meLoading) return <Loading what="your account" />;
  if (!canWrite) return <p role="alert">Your role can look but not install: ask an admin or editor.</p>;
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  const data = loaded.data;
  if (!data) return <Loading what="the connector" />;
  const p: WizardProgress = progress ?? { name: defaultName(data.connector), configuration: {}, authType: '', credentials: {}, allowPrivateNetwork: false };

  return (
    <section className="wizard">
      <p>
        <Link to={`/integrations/${data.connector.id}`}>← {data.connector.name}</Link>
      </p>
      <h1>
        {editing ? 'Reconfigure' : 'Configure'} {data.connector.name} <span className="muted small">Step {step + 1} of 4</span>
      </h1>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((label, i) => (
          <li key={label} className={i < step ? 'done' : i === step ? 'current' : ''} aria-current={i === step ? 'step' : undefined}>
            {i < step ? '✓ ' : ''}
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      {step === 0 && (
        <StepChoose
          data={data}
          name={p.name}
          onNext={(name) => {
            setProgress({ ...p, name });
            setStep(1);
          }}
        />
      )}
      {step === 1 && (
        <StepCredentials
          data={data}
          progress={p}
          onBack={() => setStep(0)}
          onNext={(next) => {
            setProgress(next);
            setStep(2);
          }}
        />
      )}
      {step === 2 && <StepMapping data={data} progress={p} onBack={() => setStep(1)} onNext={() => setStep(3)} />}
      {step === 3 && <StepActivate data={data} progress={p} onBack={() => setStep(2)} />}
    </section>
  );
}
