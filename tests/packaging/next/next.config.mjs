// The configuration pkg/README.md gives for Next.js: server code loads the package from
// node_modules (the `node` entry reads its .wasm from disk); client components need nothing.
export default { serverExternalPackages: ["customer-update"] };
