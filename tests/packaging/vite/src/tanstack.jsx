// The package README's TanStack Form example (pkg/README.md, "TanStack Form"), with ids for the test.
import React from "react";
import { useForm } from "@tanstack/react-form";
import { tanstackValidator } from "./cu.js";

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
    validators: { onSubmit: tanstackValidator("juspay.updateCustomer", { form: true }) },
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
