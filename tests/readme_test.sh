#!/bin/sh
# readme_test: README.md's key reference is the one `promocap check --keys`
# prints from the key table, so the documentation cannot drift from the parser.
BUILD=${BUILD:-build}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$BUILD"/promocap check --keys >"$tmp/keys.md"
sed -n '/<!-- keys:begin -->/,/<!-- keys:end -->/p' README.md | sed '1d;$d' >"$tmp/readme.md"
if cmp -s "$tmp/keys.md" "$tmp/readme.md"; then
	echo "1 passed, 0 failed"
else
	echo "not ok - README.md key reference differs from 'promocap check --keys':"
	diff "$tmp/keys.md" "$tmp/readme.md" | head -20
	echo "0 passed, 1 failed"
	exit 1
fi
