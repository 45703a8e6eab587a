// The package alone, for its size: the app's config without Vite's modulepreload polyfill (~0.3 KB
// gzip of Vite's own code that Vite puts in the entry chunk of any app, whatever it imports), so
// the JS asset is the package's modules and the page's one-line script.
import base from "../vite.config.mjs";

export default { ...base, build: { ...base.build, modulePreload: { polyfill: false } } };
