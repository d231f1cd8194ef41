#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz/targets/ (built in BUILD, `make fuzz`) for SECONDS,
# one target at a time, starting from its committed seeds and regressions and keeping what it
# learns in BUILD/corpus/<target>/. A crash, leak, timeout or broken invariant is written to
# BUILD/crashes/<target>/ and fails that target; the others still run. Prints the executions
# and executions per second of each target, then the summary.
#   scripts/fuzz.sh BUILD SECONDS [TARGET ...]      (default: every target)
#   FUZZ_RUNS=N stops each target after N executions instead of after SECONDS.
set -uo pipefail

build=${1:?build directory}
seconds=${2:-60}
shift 2 || shift $#
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$root"/tests/fuzz/targets/*.cc; do
    targets+=("$(basename "$f" .cc)")
  done
fi
# fontconfig loses a few hundred bytes once per process (src/documents/lsan.supp).
export LSAN_OPTIONS="suppressions=$root/src/documents/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

failed=()
summary=()
for target in "${targets[@]}"; do
  binary="$build/fuzz_$target"
  if [[ ! -x $binary ]]; then
    echo "fuzz: $binary is missing (make fuzz builds it)" >&2
    failed+=("$target")
    continue
  fi
  corpus="$build/corpus/$target"
  crashes="$build/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  inputs=("$corpus" "$root/tests/fuzz/seeds/$target")
  [[ -d $root/tests/fuzz/regressions/$target ]] && inputs+=("$root/tests/fuzz/regressions/$target")
  limit=(-max_total_time="$seconds")
  [[ -n ${FUZZ_RUNS:-} ]] && limit=(-runs="$FUZZ_RUNS")
  # pdf_text: cairo 1.16 loses 768 bytes for each CFF font it embeds (documents/pdf_canvas.cc,
  # FinishSurface), which is every document with bold text. With libFuzzer's leak check after
  # each input, every such input then ran twice plus a full LeakSanitizer scan: a quarter of the
  # target's time, whatever the input. Leaks are still found: LeakSanitizer checks the whole
  # process when the run ends, and the ASan replay of the corpus in `make test` checks it too.
  [[ $target == pdf_text ]] && limit+=(-detect_leaks=0)
  log="$build/fuzz-$target.log"
  echo "fuzz: $target (${FUZZ_RUNS:-$seconds s}${FUZZ_RUNS:+ executions}), log in $log"
  started=$(date +%s)
  "$binary" "${limit[@]}" -timeout=30 -print_final_stats=1 -artifact_prefix="$crashes/" \
    "${inputs[@]}" >"$log" 2>&1
  status=$?
  elapsed=$(($(date +%s) - started))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  line="$target: ${runs:-?} executions in ${elapsed} s, ${rate:-?} exec/s, ${cov:-cov: ?}"
  if ((status != 0)); then
    line+=" — FAILED (exit $status); see $log and $crashes/"
    failed+=("$target")
    grep -m1 -E 'ERROR: |invariant broken|runtime error|assertion failed' "$log" || true
  fi
  echo "fuzz: $line"
  summary+=("$line")
done

echo
echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]} > 0)); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
