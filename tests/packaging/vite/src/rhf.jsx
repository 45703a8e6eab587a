// The package README's React Hook Form example (pkg/README.md, "React Hook Form"), with ids for the test.
import React from "react";
import { useForm } from "react-hook-form";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { schema } from "./cu.js";

const blankAsMissing = { setValueAs: (v) => (v === "" ? undefined : v) };

export function CustomerForm({ onSave }) {
  const { register, handleSubmit, formState: { errors } } = useForm({
    resolver: standardSchemaResolver(schema("juspay.updateCustomer")),
  });
  return (
    <form id="rhf" onSubmit={handleSubmit(onSave)}>
      <input name="customer_id" {...register("customer_id", blankAsMissing)} />
      {errors.customer_id && <p role="alert" data-field="customer_id">{errors.customer_id.message}</p>}
      <input name="email_address" type="text" {...register("email_address", blankAsMissing)} />
      {errors.email_address && <p role="alert" data-field="email_address">{errors.email_address.message}</p>}
      {errors.root && <p role="alert" data-field="root">{errors.root.message}</p>}
      <button>Save</button>
    </form>
  );
}
