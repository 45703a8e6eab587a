import React from "react";
import { createRoot } from "react-dom/client";
import { CustomerForm as RhfForm } from "./rhf.jsx";
import { CustomerForm as TanstackForm } from "./tanstack.jsx";

function useResult({ id }) {
  const [value, setValue] = React.useState(null);
  return { value, setValue, view: <pre id={id}>{value === null ? "" : JSON.stringify(value)}</pre> };
}

function App() {
  const rhf = useResult({ id: "rhf-result" });
  const tanstack = useResult({ id: "tanstack-result" });
  return (
    <>
      <h2>React Hook Form</h2>
      <RhfForm onSave={rhf.setValue} />
      {rhf.view}
      <h2>TanStack Form</h2>
      <TanstackForm onSave={tanstack.setValue} />
      {tanstack.view}
    </>
  );
}

createRoot(document.getElementById("root")).render(<App />);
