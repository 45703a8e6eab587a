"use client";
// A client component: react-hook-form over customer-update/validators (the browser entry, its
// .wasm emitted by the bundler).
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { schema } from "customer-update/validators";

const blankAsMissing = { setValueAs: (v) => (v === "" ? undefined : v) };

export function CustomerForm() {
  const [saved, setSaved] = useState(null);
  // Server-rendered: the form is on the page before React has attached its handlers. The driver
  // waits for this mark, or an early click would submit the plain form.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const { register, handleSubmit, formState: { errors } } = useForm({
    resolver: standardSchemaResolver(schema("juspay.updateCustomer")),
  });
  return (
    <form id="rhf" data-hydrated={hydrated ? "" : undefined} onSubmit={handleSubmit(setSaved)}>
      <input name="customer_id" {...register("customer_id", blankAsMissing)} />
      {errors.customer_id && <p role="alert" data-field="customer_id">{errors.customer_id.message}</p>}
      <input name="email_address" {...register("email_address", blankAsMissing)} />
      {errors.email_address && <p role="alert" data-field="email_address">{errors.email_address.message}</p>}
      {errors.root && <p role="alert" data-field="root">{errors.root.message}</p>}
      <button>Save</button>
      <pre id="rhf-result">{saved === null ? "" : JSON.stringify(saved)}</pre>
    </form>
  );
}
