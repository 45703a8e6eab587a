#!/usr/bin/env bash
# TypeScript: `tsc --strict --noEmit` over typed usage (types/usage.ts) and deliberate mistakes
# (types/errors.ts, each under `// @ts-expect-error TSnnnn`), with "customer-update" resolved to
# pkg/dist/index.d.ts, under moduleResolution bundler and node16; then forms.ts (react-hook-form /
# Standard Schema typing). check-expect-errors.mjs proves each mistake fails with its stated code.
source "$(dirname "$0")/lib/common.sh"
T="$RT/types"

run 120 "$BIN/tsc" -p "$T/tsconfig.json" --strict --noEmit
echo "  ok - tsc --strict (moduleResolution bundler, skipLibCheck false): usage.ts + errors.ts"
run 120 "$BIN/tsc" -p "$T/tsconfig.node16.json" --strict --noEmit
echo "  ok - tsc --strict (module/moduleResolution node16): usage.ts + errors.ts"
run 120 "$BIN/tsc" -p "$T/tsconfig.forms.json" --strict --noEmit
echo "  ok - tsc --strict: forms.ts (standardSchemaResolver(schema(op)) typed with the op's input)"
run 120 node "$T/check-expect-errors.mjs" "$T/tsconfig.json" "$T/errors.ts"
run 120 node "$T/check-expect-errors.mjs" "$T/tsconfig.forms.json" "$T/forms.ts"
