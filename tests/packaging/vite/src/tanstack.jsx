// The package README's TanStack Form example (pkg/README.md, "TanStack Form"), with ids for the test.
import React from "react";
import { useForm } from "@tanstack/react-form";
import { validate } from "./cu.js";

// Issues → TanStack's { form, fields }: field paths in its notation (nominees[0].name), and the
// issues about the whole input (path []) as the form's error. (Given schema(op) directly, TanStack
// files those under a field named "" that no input clears, and the form stays unsubmittable.)
const tanstackPath = (path) => path.reduce((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${k}` : String(k)), "");
const validateFor = (op) => ({ value }) => {
  const r = validate(op, value);
  if (r.ok) return undefined;
  const fields = {};
  const form = [];
  for (const issue of r.issues) {
    if (issue.path.length === 0) form.push(issue.message);
    else fields[tanstackPath(issue.path)] ??= issue.message;
  }
  return { form: form.length ? form.join(" ") : undefined, fields };
};

function TextField({ form, name }) {
  return (
    <form.Field name={name}>
      {(field) => (
        <>
          <input name={name} value={field.state.value ?? ""} onChange={(e) => field.handleChange(e.target.value || undefined)} />
          {field.state.meta.errors.map((message) => <p role="alert" data-field={name} key={message}>{message}</p>)}
        </>
      )}
    </form.Field>
  );
}

export function CustomerForm({ onSave }) {
  const form = useForm({
    defaultValues: { customer_id: undefined, email_address: undefined },
    validators: { onSubmit: validateFor("juspay.updateCustomer") },
    onSubmit: ({ value }) => onSave(value),
  });
  return (
    <form id="tanstack" onSubmit={(e) => { e.preventDefault(); form.handleSubmit(); }}>
      <TextField form={form} name="customer_id" />
      <TextField form={form} name="email_address" />
      <form.Subscribe selector={(s) => s.errorMap.onSubmit}>
        {(error) => (typeof error === "string" ? <p role="alert" data-field="root">{error}</p> : null)}
      </form.Subscribe>
      <button>Save</button>
    </form>
  );
}
