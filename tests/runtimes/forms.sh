#!/usr/bin/env bash
# Form libraries: react-hook-form's standardSchemaResolver over schema(op), called as useForm calls it,
# and the Standard Schema contract TanStack Form uses (forms/forms.test.mjs, in Node).
source "$(dirname "$0")/lib/common.sh"
run 60 node "$RT/forms/forms.test.mjs"
