/* test_injection: text from a scenario reaches CSV tables as text, never as a spreadsheet formula (pc_output_csv_text). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "promocap/output.h"

/* Writes text with pc_output_csv_text and compares the field with want. */
static void expect(const char *text, const char *want)
{
	char buf[512];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	int rc;

	if (!f) {
		CHECK(0, "fmemopen");
		return;
	}
	rc = pc_output_csv_text(f, text);
	fclose(f);
	CHECK(rc == 0, "'%s': written", text);
	CHECK(strcmp(buf, want) == 0, "'%s': got [%s], want [%s]", text, buf, want);
}

int main(void)
{
	/* The classic payload, and each character a spreadsheet starts a
	 * formula with (tab and CR it drops and looks again). */
	expect("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"");
	expect("+1+1", "\"'+1+1\"");
	expect("-2+3", "\"'-2+3\"");
	expect("@SUM(A1:A2)", "\"'@SUM(A1:A2)\"");
	expect("\t=1+1", "\"'\t=1+1\"");
	expect("\r=1+1", "\"'\r=1+1\"");
	expect("  =HYPERLINK(\"http://x\")", "\"'  =HYPERLINK(\"\"http://x\"\")\"");
	/* Quotes inside are doubled by libcsv; plain text stays as it is. */
	expect("say \"hi\", then go", "\"say \"\"hi\"\", then go\"");
	expect("双11 大促", "\"双11 大促\"");
	expect("2026-11-11 08:00", "\"2026-11-11 08:00\"");
	expect("", "\"\"");
	return check_done();
}
