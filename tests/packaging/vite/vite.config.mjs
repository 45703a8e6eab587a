// No plugin: Vite's own transform handles the .jsx files (React imported in each, so either JSX
// runtime works). The package needs nothing configured. (The form libraries' "use client"
// directives mean nothing in a client bundle: that warning is dropped.)
export default {
  logLevel: "warn",
  build: {
    reportCompressedSize: false,
    rollupOptions: { onwarn: (w, warn) => (w.code === "MODULE_LEVEL_DIRECTIVE" ? undefined : warn(w)) },
  },
};
