import Form, { getDefaultRegistry } from '@rjsf/core';
import type { RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { ReactNode } from 'react';
import { titledOptions } from './schema-titles.ts';

type Values = Record<string, unknown>;
type Schema = Record<string, unknown>;

const DefaultSelect = getDefaultRegistry().widgets.SelectWidget!;

/** rjsf's select, plus the label its oneOf/anyOf chooser lacks (every form control has a label). */
function SelectWidget(props: WidgetProps) {
  const chooser = /__(one|any)of_select$/.test(props.id);
  return (
    <>
      {chooser && (
        <label htmlFor={props.id} className="control-label">
          {`${props.label}: kind`}
        </label>
      )}
      <DefaultSelect {...props} />
    </>
  );
}

/** A form generated from a JSON Schema (@rjsf): labels and help from the schema, secrets masked, validated by Ajv. */
export function SchemaForm({ id, schema, uiSchema, values, onChange, onSubmit, children }: { id: string; schema: Schema; uiSchema?: UiSchema; values: Values; onChange: (v: Values) => void; onSubmit: (v: Values) => void; children: ReactNode }) {
  return (
    <Form
      idPrefix={id}
      schema={titledOptions(schema) as RJSFSchema}
      uiSchema={{ 'ui:submitButtonOptions': { norender: true }, ...uiSchema }}
      formData={values}
      validator={validator}
      widgets={{ SelectWidget }}
      showErrorList="top"
      noHtml5Validate
      // The error list above the form says what to fix; without onError rjsf would also log to the console.
      onError={() => undefined}
      onChange={(e) => onChange((e.formData ?? {}) as Values)}
      onSubmit={(e) => onSubmit((e.formData ?? {}) as Values)}
    >
      {children}
    </Form>
  );
}

/** uiSchema that masks the named fields (password inputs that browsers do not autofill). */
export function maskedUi(fields: readonly string[]): UiSchema {
  return Object.fromEntries(fields.map((f) => [f, { 'ui:widget': 'password', 'ui:autocomplete': 'new-password' }]));
}
