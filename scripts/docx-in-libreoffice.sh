#!/usr/bin/env bash
# Opens margin's Word report in LibreOffice (headless) and checks what came
# out: the file converts to PDF, and the PDF holds the study's title, a theme,
# a quote and the codebook table's header. Word itself is not available on
# Linux; LibreOffice is the strictest reader we can run here, and it rejects
# a malformed document rather than guessing.
#
#   scripts/docx-in-libreoffice.sh [MARGIN_BINARY]
#
# Needs soffice (libreoffice-writer-nogui) and pdftotext (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
margin="${1:-target/debug/margin}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r sample-project "$work/study"
git -C "$work/study" init -q
git -C "$work/study" add -A
git -C "$work/study" -c user.name=ci -c user.email=ci@margin.invalid commit -qm study
"$margin" report "$work/study" --format docx -o "$work/report.docx"

# A private profile, so a desktop LibreOffice of the user's is left alone.
timeout 180 soffice -env:UserInstallation="file://$work/profile" --headless \
  --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null 2>&1
test -s "$work/report.pdf" || { echo "LibreOffice could not open the report" >&2; exit 1; }
pdftotext "$work/report.pdf" "$work/report.txt"
pages="$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')"
for expected in "sample study" "Made from commit" "Thematic map" "Worker-client relationship" "Definition" "decision journal"; do
  grep -q "$expected" "$work/report.txt" || { echo "the PDF lacks \"$expected\"" >&2; exit 1; }
done
echo "LibreOffice opened the report: $pages pages, every expected section present"
