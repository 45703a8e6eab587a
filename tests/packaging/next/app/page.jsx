import { CustomerForm } from "./form.jsx";

export default function Page() {
  return (
    <main>
      <h1>Update customer</h1>
      <CustomerForm />
    </main>
  );
}
