#!/bin/sh
# readme_test: the documentation cannot drift from the program.
# - docs/scenarios.md's key reference is the one `promocap check --keys`
#   prints from the key table, so every scenario key is documented;
# - every command of `promocap --help` and every option of it and of each
#   command's --help is documented in docs/commands.md;
# - every relative link of README.md and docs/*.md resolves, anchors included
#   (GitHub's heading ids);
# - README.md's first scenario is scenarios/my-618.ini, and it lists the exit
#   codes;
# - every file run, sweep and compare write is named in docs/outputs.md;
# - no citation of documents outside the repository ([000]..[004], ../shared,
#   MODEL.md, seeds/) in README.md, docs/, the key help or the shipped
#   scenarios: they cite docs/business.md §N, whose sections §1..§6 exist.
# DOCS (default .) is the folder holding README.md and docs/, for the test's
# own check that it fails on a broken copy.
BUILD=${BUILD:-build}
DOCS=${DOCS:-.}
BIN="$BUILD"/promocap
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }

# 1. the key reference
"$BIN" check --keys >"$tmp/keys.md"
sed -n '/<!-- keys:begin -->/,/<!-- keys:end -->/p' "$DOCS/docs/scenarios.md" | sed '1d;$d' >"$tmp/doc.md"
if [ -s "$tmp/keys.md" ] && cmp -s "$tmp/keys.md" "$tmp/doc.md"; then
	ok "docs/scenarios.md key reference is 'promocap check --keys'"
else
	bad "docs/scenarios.md key reference differs from 'promocap check --keys':"
	diff "$tmp/keys.md" "$tmp/doc.md" | head -20
fi

# 2. commands and options
"$BIN" --help >"$tmp/help.txt" 2>&1
cmds=$(sed -n '/^commands:/,/^$/p' "$tmp/help.txt" | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
[ -n "$cmds" ] || bad "no commands found in promocap --help"
for c in $cmds; do
	"$BIN" "$c" --help >>"$tmp/help.txt" 2>&1
	if grep -q "promocap $c\b" "$DOCS/docs/commands.md"; then :; else
		bad "command '$c' of promocap --help is not in docs/commands.md"
	fi
done
opts=$(grep -oE '(^|[ [(,|])(--[a-z][a-z-]*|-[a-zA-Z])\b' "$tmp/help.txt" | sed 's/^[ [(,|]//' | sort -u)
n=0; missing=""
for o in $opts; do
	n=$((n + 1))
	grep -qF -- "\`$o" "$DOCS/docs/commands.md" || missing="$missing $o"
done
if [ "$n" -ge 20 ] && [ -z "$missing" ]; then
	ok "all $n options of promocap --help and each command's --help are in docs/commands.md"
else
	bad "options of --help not documented in docs/commands.md (as \`OPTION):$missing (found $n)"
fi

# 3. relative links
slugs() { # the GitHub ids of the headings of file $1, outside code blocks
	awk '/^```/ { f = !f; next } !f && /^#+ / { sub(/^#+ +/, ""); print }' "$1" |
		sed 's/§//g' | tr 'A-Z' 'a-z' | LC_ALL=C tr -d '!"#$%&'"'"'()*+,./:;<=>?@[\\]^`{|}~' | tr ' ' '-'
}
nl=0; broken=""
for f in "$DOCS/README.md" "$DOCS"/docs/*.md; do
	dir=$(dirname "$f")
	awk '/^```/ { f = !f; next } !f' "$f" | grep -oE '\]\([^) ]+\)' | sed 's/^](//; s/)$//' >"$tmp/links"
	while IFS= read -r l; do
		case "$l" in http://*|https://*|mailto:*) continue;; esac
		nl=$((nl + 1))
		p=${l%%#*}; a=""
		case "$l" in *'#'*) a=${l#*#};; esac
		if [ -n "$p" ]; then target="$dir/$p"; else target="$f"; fi
		if [ ! -e "$target" ]; then broken="$broken ${f#"$DOCS"/}:$l"; continue; fi
		if [ -n "$a" ]; then
			case "$target" in *.md) ;; *) broken="$broken ${f#"$DOCS"/}:$l(anchor-in-non-md)"; continue;; esac
			slugs "$target" | grep -qxF -- "$a" || broken="$broken ${f#"$DOCS"/}:$l"
		fi
	done <"$tmp/links"
done
if [ "$nl" -ge 10 ] && [ -z "$broken" ]; then
	ok "all $nl relative links of README.md and docs/ resolve"
else
	bad "broken links (of $nl):$broken"
fi

# 4. citations only of what is in the repository
hits=$(grep -nE '\[00[0-9]\]|\.\./shared|MODEL\.md|seeds/' "$DOCS/README.md" "$DOCS"/docs/*.md 2>/dev/null;
	grep -nE '\[00[0-9]\]|MODEL\.md' src/scenario_keys.h scenarios/*.ini 2>/dev/null)
if [ -z "$hits" ]; then
	ok "no citation of documents outside the repository"
else
	bad "citations of documents outside the repository:"; echo "$hits" | head -10
fi
secs=""
for n in 1 2 3 4 5 6; do
	grep -q "^## §$n " "$DOCS/docs/business.md" || secs="$secs §$n"
done
cited=$(grep -ohE 'business\.md §[0-9]+' "$DOCS/README.md" "$DOCS"/docs/*.md src/scenario_keys.h scenarios/*.ini |
	sed 's/.*§//' | sort -un)
for n in $cited; do
	[ "$n" -ge 1 ] && [ "$n" -le 6 ] || secs="$secs cited-§$n"
done
if [ -z "$secs" ]; then
	ok "docs/business.md has sections §1..§6 and every §N cited exists"
else
	bad "docs/business.md sections missing or cited but absent:$secs"
fi

# 5. README's first scenario is the shipped scenarios/my-618.ini, and loads
sed -n '/<!-- first-scenario:begin -->/,/<!-- first-scenario:end -->/p' "$DOCS/README.md" |
	sed '1,2d;$d' | sed '$d' >"$tmp/first.ini"
if [ -s "$tmp/first.ini" ] && cmp -s "$tmp/first.ini" scenarios/my-618.ini &&
	"$BIN" check scenarios/my-618.ini >/dev/null 2>&1; then
	ok "README.md's first scenario is scenarios/my-618.ini and passes check"
else
	bad "README.md's first scenario differs from scenarios/my-618.ini or does not load:"
	diff "$tmp/first.ini" scenarios/my-618.ini | head -10
fi
# 6. README lists the exit codes 0, 1 and 2
if grep -q '^## Exit codes' "$DOCS/README.md" && grep -q '^| 0 |' "$DOCS/README.md" &&
	grep -q '^| 1 |' "$DOCS/README.md" && grep -q '^| 2 |' "$DOCS/README.md"; then
	ok "README.md lists the exit codes"
else
	bad "README.md lacks its exit code table"
fi

# 7. every file run (with --report), sweep and compare write is in docs/outputs.md
G=tests/data/sim/golden.ini
"$BIN" run "$G" --reps 2 --report -o "$tmp/out/run" --quiet >/dev/null 2>&1
"$BIN" sweep "$G" --reps 2 --vary agents=1,2 -o "$tmp/out/sweep" --quiet >/dev/null 2>&1
"$BIN" compare "$G" "$G" --reps 2 -o "$tmp/out/compare" --quiet >/dev/null 2>&1
nf=0; undoc=""
for p in "$tmp"/out/*/*; do
	[ -f "$p" ] || continue
	nf=$((nf + 1)); b=$(basename "$p"); stem=${b%.*}
	grep -qF -e "\`$b\`" -e "\`$stem\`" -e "\`$stem." "$DOCS/docs/outputs.md" || undoc="$undoc $(basename "$(dirname "$p")")/$b"
done
if [ "$nf" -ge 30 ] && [ -z "$undoc" ]; then
	ok "all $nf files written by run, sweep and compare are in docs/outputs.md"
else
	bad "files written but not in docs/outputs.md (as \`NAME\`):$undoc (of $nf)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
