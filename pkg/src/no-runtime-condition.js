// What "customer-update" (and its /validators and /edge entries) resolve to when the bundler or
// runtime matched none of the package's runtime conditions (browser, worker, workerd, deno, node):
// e.g. `esbuild --platform=neutral` without `--conditions`. Each runtime loads the .wasm its own
// way, so no entry can work everywhere; a browser entry picked silently makes workerd die at start
// with "Invalid URL string". The import below cannot be resolved on purpose: the build fails, and
// its error message is the fix.
import "./customer-update needs a runtime condition: --platform=browser or --platform=node, or --conditions=workerd,worker (copy the .wasm, declare it a module) or --conditions=deno";
