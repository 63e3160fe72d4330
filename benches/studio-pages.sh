#!/bin/sh
# Run from the repository after `cargo build`: sh benches/studio-pages.sh (see BENCHMARKS.md).
# Page loads of `signpost studio` over the shipped set: 20 loads of each page, curl's
# total time per load (connection included), median and slowest, in milliseconds.
set -e
out=$(mktemp); jar=$(mktemp)
./target/debug/signpost studio --listen 127.0.0.1:0 >"$out" 2>/dev/null & pid=$!
trap 'kill $pid' EXIT
while ! grep -q http "$out"; do sleep 0.1; done
link=$(grep -o 'http://[^ ]*' "$out"); base=${link%%/login*}
curl -s -o /dev/null -c "$jar" "$link"
for page in / /flow/selling /step/selling/danger?lang=ar /service/kvinnofridslinjen /step/selling/money?lang=ar /review /changes /try /step/menu/start?lang=sv /understanding/questions/person; do
  for i in $(seq 20); do curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' "$base$page"; done |
    sort -k2 -n | awk -v p="$page" '$1!=200{print "status " $1; exit 1} {t[NR]=$2*1000} END {printf "%-32s median %6.1f ms  slowest %6.1f ms\n", p, t[int((NR+1)/2)], t[NR]}'
done
