/* test_extreme: extreme and hostile scenarios, each with the behaviour it must have: zero staff, 100% refunds, one refund, GMV 1e11, a year's horizon, empty and all-zero curves, NaN/inf/huge/-0 numbers, 10 MB lines, BOM/CRLF/quoted newlines, non-UTF-8 bytes, values a file cannot hold. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "check.h"
#include "table.h"
#include "promocap/memory.h"
#include "promocap/output.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

static char dir[256];

/* The head every scenario here starts with: 11 sales days. */
#define HEAD "[promotion]\nsales_start = 2026-11-01\nsales_end = 2026-11-11\n"

/* Writes content (n bytes, or strlen when n is 0) to dir/name; returns the
 * path in a static buffer of two alternating slots. */
static const char *put(const char *name, const char *content, size_t n)
{
	static char paths[2][512];
	static int slot;
	char *path = paths[slot++ % 2];
	FILE *f;

	snprintf(path, 512, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f) {
		fwrite(content, 1, n ? n : strlen(content), f);
		fclose(f);
	}
	return path;
}

/* Loads text as dir/name; expects failure with a message containing want
 * (rc PC_EINPUT), or success when want is NULL (then *sc must be released). */
static int load_text(pc_scenario *sc, const char *name, const char *text, size_t n, const char *want)
{
	char msg[2200];
	pc_error err;
	int rc;

	pc_error_clear(&err);
	rc = pc_scenario_load(sc, put(name, text, n), &err);
	pc_error_format(&err, msg, sizeof msg);
	if (!want) {
		CHECK(rc == 0, "%s loads: %s", name, msg);
		return rc;
	}
	CHECK(rc == PC_EINPUT, "%s: fails with bad input, rc %d", name, rc);
	CHECK(strstr(msg, want) != NULL, "%s: message '%.300s' contains '%s'", name, msg, want);
	if (rc == 0)
		pc_scenario_release(sc);
	return -1;
}

/* Runs reps replications on one thread; writes every table and the summary
 * to files and reads each table back with pc_table_read. */
static int run_all(const pc_scenario *sc, int reps, pc_result *res, const char *what)
{
	char msg[2200], path[600];
	pc_error err;
	int rc;

	pc_error_clear(&err);
	rc = pc_run(sc, sc->seed, reps, 1, res, &err);
	CHECK(rc == 0, "%s: runs: %s", what, pc_error_format(&err, msg, sizeof msg));
	if (rc)
		return rc;
	for (const pc_output_table *t = pc_output_tables; t->file; t++) {
		pc_table tab;
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dir, t->file);
		f = fopen(path, "w");
		CHECK(f && t->write(res, f) == 0, "%s: writes %s", what, t->file);
		if (f)
			fclose(f);
		pc_error_clear(&err);
		rc = pc_table_read(&tab, path, "", 0, &err);
		CHECK(rc == 0, "%s: %s reads back: %s", what, t->file, err.msg);
		if (!rc)
			pc_table_release(&tab);
	}
	snprintf(path, sizeof path, "%s/summary.txt", dir);
	{
		FILE *f = fopen(path, "w");
		CHECK(f && pc_output_summary(res, f) == 0, "%s: writes the summary", what);
		if (f)
			fclose(f);
	}
	return 0;
}

static double sum4(const double *x)
{
	return x[0] + x[1] + x[2] + x[3];
}

/* Zero staff all horizon: nothing is served; without platform timeouts
 * every request is open at the horizon, with them the platform finishes
 * some; the run ends at the horizon either way. */
static void test_zero_staff(void)
{
	const char *text = HEAD "gmv = 500000\naov = 250\n[refunds]\nrate = 5%\n"
			   "[staff.agent]\nroster = 0\n[staff.supervisor]\nroster = 0\n"
			   "[staff.inspector]\nroster = 0\n[platform]\nseller_response_timeout = none\n"
			   "[simulation]\nreplications = 2\n";
	pc_scenario sc;
	pc_result res;
	clock_t t0 = clock();

	if (load_text(&sc, "zero_staff.ini", text, 0, NULL))
		return;
	if (run_all(&sc, 2, &res, "zero staff") == 0) {
		for (int r = 0; r < 2; r++) {
			const pc_rep *p = &res.rep[r];

			CHECK(sum4(p->arrived) > 50, "zero staff: refunds arrive (%g)", sum4(p->arrived));
			/* Nobody works: a refund ends only by the platform's ruling on
			 * an escalation (the buyer escalates after the protection
			 * period), never by the shop. */
			CHECK(sum4(p->finished) == p->ended[3] + p->ended[4] && p->escalated > 0,
			      "zero staff: only the platform's rulings end refunds (%g of %g escalated)",
			      sum4(p->finished), p->escalated);
			CHECK(sum4(p->open) + sum4(p->finished) == sum4(p->arrived),
			      "zero staff: the rest open at the horizon");
			CHECK(p->fr_n == 0 && p->ho_acted == 0, "zero staff: nobody answered, nothing handled");
			CHECK(p->as_open == p->as_arrived && p->as_done == 0,
			      "zero staff: all after-sales work open");
			CHECK(p->busy[0] == 0 && p->cap[0] == 0, "zero staff: no staff-hours");
		}
		pc_result_release(&res);
	}
	pc_scenario_release(&sc);

	/* With the platform's 48 h timeout, paths 1 to 3 are refunded by it. */
	text = HEAD "gmv = 500000\naov = 250\n[refunds]\nrate = 5%\n"
		    "[staff.agent]\nroster = 0\n[staff.supervisor]\nroster = 0\n"
		    "[staff.inspector]\nroster = 0\n";
	if (load_text(&sc, "zero_staff_timeout.ini", text, 0, NULL) == 0) {
		if (run_all(&sc, 2, &res, "zero staff, timeouts") == 0) {
			CHECK(res.rep[0].auto_approved > 0, "zero staff: the platform approves on timeout");
			CHECK(res.rep[0].open[PC_PATH_RETURN] > 0, "zero staff: returns stay open");
			pc_result_release(&res);
		}
		pc_scenario_release(&sc);
	}
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 20, "zero staff: no hang");
}

/* 100% refund rate, and one refund (orders N = 1). */
static void test_rates(void)
{
	pc_scenario sc;
	pc_result res;

	if (load_text(&sc, "all_refund.ini", HEAD "gmv = 100000\naov = 100\n[refunds]\nrate = 100%\n",
		      0, NULL) == 0) {
		if (run_all(&sc, 2, &res, "100% refunds") == 0) {
			/* 1000 refunds and 400 after-sales claims (40%, all claims). */
			double n = sum4(res.rep[0].arrived);
			CHECK(fabs(n - 1400) < 5 * sqrt(1400), "100%% refunds: about 1400 refunds and claims, got %g", n);
			pc_result_release(&res);
		}
		pc_scenario_release(&sc);
	}
	if (load_text(&sc, "one_refund.ini",
		      "[promotion]\nsales_start = 2026-11-01\nsales_end = 2026-11-01\ngmv = 100\naov = 100\n"
		      "[refunds]\nrate = 100%\nafter_sales_ratio = 0%\n", 0, NULL) == 0) {
		if (run_all(&sc, 6, &res, "one refund") == 0) {
			double n = 0;
			for (int r = 0; r < res.reps; r++)
				n += sum4(res.rep[r].arrived);
			CHECK(n < 20, "one refund: about one a replication, got %g in 6", n);
			pc_result_release(&res);
		}
		pc_scenario_release(&sc);
	}
}

/* GMV 1e11: loads; the estimate is a finite figure in the gigabytes, far
 * above a 1 GiB limit (the CLI test checks the refusal); no overflow. */
static void test_huge_gmv(void)
{
	pc_scenario sc;
	pc_memory m;

	if (load_text(&sc, "gmv1e11.ini", HEAD "gmv = 1e11\naov = 250\n[refunds]\nrate = 5%\n", 0, NULL))
		return;
	pc_memory_estimate(&sc, 20, 2, &m);
	CHECK(fabs(m.refunds - 2e7) < 1, "gmv 1e11: 20,000,000 refunds expected, got %g", m.refunds);
	CHECK(isfinite(m.total) && m.total > 2.0 * 1073741824.0,
	      "gmv 1e11: a finite estimate above 2 GiB, got %g", m.total);
	pc_scenario_release(&sc);

	/* Orders gmv / aov that overflow a double are refused at load. */
	load_text(&sc, "orders_inf.ini", HEAD "gmv = 1e300\naov = 1e-300\n[refunds]\nrate = 5%\n", 0,
		  "orders gmv / aov overflow");
}

/* A 365-day horizon after one sales day: runs, 366 days of figures. */
static void test_year(void)
{
	pc_scenario sc;
	pc_result res;

	if (load_text(&sc, "year.ini",
		      "[promotion]\nsales_start = 2026-11-01\nsales_end = 2026-11-01\n"
		      "horizon = 2027-11-01\ngmv = 50000\naov = 250\n[refunds]\nrate = 5%\n", 0, NULL))
		return;
	if (run_all(&sc, 1, &res, "365-day horizon") == 0) {
		CHECK(res.rep[0].ndays == 366, "365-day horizon: 366 days, got %d", res.rep[0].ndays);
		CHECK(res.rep[0].nintervals == 366 * 24, "365-day horizon: hourly rows");
		pc_result_release(&res);
	}
	pc_scenario_release(&sc);
}

/* Empty and all-zero curves. */
static void test_curves(void)
{
	pc_scenario sc;
	pc_result res;

	put("empty.csv", "", 0);
	load_text(&sc, "c_empty.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = empty.csv\n[refunds]\nrate = 5%\n",
		  0, "empty file, expected a header row");
	put("header.csv", "date,share\n", 0);
	load_text(&sc, "c_header.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = header.csv\n[refunds]\nrate = 5%\n",
		  0, "has no row for sales day '2026-11-01'");
	put("zero_hourly.csv",
	    "hour,share\n0,0\n1,0\n2,0\n3,0\n4,0\n5,0\n6,0\n7,0\n8,0\n9,0\n10,0\n11,0\n12,0\n13,0\n"
	    "14,0\n15,0\n16,0\n17,0\n18,0\n19,0\n20,0\n21,0\n22,0\n23,0\n", 0);
	load_text(&sc, "c_zero_hourly.ini",
		  HEAD "gmv = 1e6\naov = 100\nhourly_share = zero_hourly.csv\n[refunds]\nrate = 5%\n", 0,
		  "'hourly_share' shares sum to 0%, not 100%");
	put("zero_share.csv", "start_h,share\n0,0%\n24,0%\n", 0);
	load_text(&sc, "c_zero_share.ini",
		  HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = 5%\narrival_curve = zero_share.csv\n", 0,
		  "'arrival_curve' shares sum to 0%, not 100%");
	/* An absolute rate of zero all along is a promotion without refunds. */
	put("zero_rate.csv", "start_h,rate_per_h\n0,0\n24,0\n48,-0\n", 0);
	if (load_text(&sc, "c_zero_rate.ini",
		      HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = 5%\narrival_curve = zero_rate.csv\n", 0,
		      NULL) == 0) {
		if (run_all(&sc, 2, &res, "all-zero arrival curve") == 0) {
			CHECK(sum4(res.rep[0].arrived) == 0 && res.rep[0].as_arrived == 0,
			      "all-zero arrival curve: no request");
			pc_result_release(&res);
		}
		pc_scenario_release(&sc);
	}
}

/* NaN, inf, huge exponents and negative zero. */
static void test_numbers(void)
{
	static const struct {
		const char *value, *want;
	} gmv[] = {
		{ "nan", "'gmv' must be a number > 0, got 'nan'" },
		{ "NaN", "'gmv' must be a number > 0, got 'NaN'" },
		{ "inf", "'gmv' must be a number > 0, got 'inf'" },
		{ "-infinity", "'gmv' must be a number > 0, got '-infinity'" },
		{ "1e999", "'gmv' must be a number > 0, got '1e999'" },
		{ "1e99999999999999999999", "'gmv' must be a number > 0, got '1e99999999999999999999'" },
		{ "-0", "'gmv' must be a number > 0, got '-0'" },
		{ "0x10", "'gmv' must be a number > 0, got '0x10'" },
	};
	char text[512], dump[4096];
	pc_scenario sc;
	size_t i;

	for (i = 0; i < sizeof gmv / sizeof gmv[0]; i++) {
		snprintf(text, sizeof text, HEAD "gmv = %s\naov = 100\n[refunds]\nrate = 5%%\n", gmv[i].value);
		load_text(&sc, "n_gmv.ini", text, 0, gmv[i].want);
	}
	load_text(&sc, "n_rate.ini", HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = nan%\n", 0,
		  "'rate' must be a share from 0% to 100%, got 'nan%'");
	load_text(&sc, "n_dur.ini", HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = 5%\n"
		  "[path.return]\ntransit = fixed(1e999d)\n", 0, "bad value '1e999d'");
	load_text(&sc, "n_dist_inf.ini", HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = 5%\n"
		  "[path.return]\ntransit = lognormal(mean=inf, sd=1d)\n", 0, "bad value 'inf'");
	put("nan_daily.csv", "date,share\n2026-11-01,NaN\n", 0);
	load_text(&sc, "n_csv.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = nan_daily.csv\n[refunds]\nrate = 5%\n",
		  0, "'share' must be a share from 0% to 100%, got 'NaN'");
	/* -0 reads as 0 and is shown as 0; a tiny number that underflows is 0. */
	if (load_text(&sc, "n_zero.ini", HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = -0%\n"
		      "after_sales_ratio = 1e-400%\n[path.return]\npayout = fixed(-0s)\n", 0, NULL) == 0) {
		FILE *f = fmemopen(dump, sizeof dump, "w");

		CHECK(sc.refund_rate == 0 && !signbit(sc.refund_rate), "-0%% is +0");
		CHECK(sc.payout.mean == 0 && !signbit(sc.payout.mean), "fixed(-0s) is +0");
		if (f) {
			pc_scenario_dump(&sc, f);
			fclose(f);
			CHECK(strstr(dump, "\nrate = 0%\n") && strstr(dump, "\npayout = fixed(0s)\n"),
			      "the dump shows 0, not -0");
		}
		pc_scenario_release(&sc);
	}
}

/* 10 MB lines: in the INI an error at once; in a CSV, an extra column of
 * 10 MB loads, a 10 MB value is an error that quotes it cut short. */
static void test_long_lines(void)
{
	size_t big = 10u << 20, n;
	char *text = malloc(big + 4096);
	pc_scenario sc;
	clock_t t0;

	if (!text)
		return;
	n = (size_t)sprintf(text, HEAD "gmv = 1e6\naov = 100\nname = ");
	memset(text + n, 'x', big);
	n += big;
	n += (size_t)sprintf(text + n, "\n[refunds]\nrate = 5%%\n");
	t0 = clock();
	load_text(&sc, "l_ini.ini", text, n, "l_ini.ini:6: line longer than 199 characters");
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 2, "10 MB INI line: refused at once");

	n = (size_t)sprintf(text, "date,share,note\n");
	for (int d = 1; d <= 11; d++) {
		n += (size_t)sprintf(text + n, "2026-11-%02d,%s,", d, d == 11 ? "10%" : "9%");
		if (d == 5) {
			memset(text + n, 'y', big);
			n += big;
		}
		text[n++] = '\n';
	}
	put("long_note.csv", text, n);
	if (load_text(&sc, "l_csv.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = long_note.csv\n[refunds]\nrate = 5%\n",
		      0, NULL) == 0)
		pc_scenario_release(&sc);

	n = (size_t)sprintf(text, "date,share\n2026-11-01,");
	memset(text + n, '1', big);
	n += big;
	text[n++] = '\n';
	put("long_share.csv", text, n);
	load_text(&sc, "l_share.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = long_share.csv\n[refunds]\nrate = 5%\n",
		  0, "long_share.csv:2: 'share' must be a share from 0% to 100%, got '111");
	free(text);
}

/* A CSV with a byte-order mark, CRLF line ends and a quoted field holding
 * a newline: loads; an error after the quoted newline names the right line. */
static void test_csv_forms(void)
{
	pc_scenario sc;

	put("forms.csv",
	    "\xEF\xBB\xBF" "date,share,note\r\n"
	    "2026-11-01,\"9%\",\"two\r\nlines\"\r\n2026-11-02,9%,\r\n2026-11-03,9%,\r\n"
	    "2026-11-04,9%,\r\n2026-11-05,9%,\r\n2026-11-06,9%,\r\n2026-11-07,9%,\r\n"
	    "2026-11-08,9%,\r\n2026-11-09,9%,\r\n2026-11-10,9%,\r\n2026-11-11,10%,\"a, \"\"quoted\"\" note\"\r\n",
	    0);
	if (load_text(&sc, "f_ok.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = forms.csv\n[refunds]\nrate = 5%\n",
		      0, NULL) == 0) {
		CHECK(fabs(sc.daily_share[10] - 0.1) < 1e-12, "BOM, CRLF, quotes: the last day's share");
		pc_scenario_release(&sc);
	}
	put("forms_bad.csv", "\xEF\xBB\xBF" "date,share,note\r\n2026-11-01,9%,\"two\r\nlines\"\r\n2026-11-02,x,\r\n", 0);
	load_text(&sc, "f_bad.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = forms_bad.csv\n[refunds]\nrate = 5%\n",
		  0, "forms_bad.csv:4: 'share' must be a share from 0% to 100%, got 'x'");
}

/* Bytes that are not UTF-8 (退款 in GBK), and control characters. */
static void test_bytes(void)
{
	pc_scenario sc;

	load_text(&sc, "b_gbk.ini", HEAD "gmv = 1e6\naov = 100\nname = \xCD\xCB\xBF\xEE\n[refunds]\nrate = 5%\n",
		  0, "'name' must be UTF-8 text without control characters");
	load_text(&sc, "b_esc.ini", HEAD "gmv = 1e6\naov = 100\nname = a\x1b]0;pwned\x07 b\n[refunds]\nrate = 5%\n",
		  0, "got 'a?]0;pwned? b'");
	load_text(&sc, "b_overlong.ini", HEAD "gmv = 1e6\naov = 100\nname = \xC0\xAF\n[refunds]\nrate = 5%\n",
		  0, "'name' must be UTF-8 text");
	if (load_text(&sc, "b_utf8.ini", HEAD "gmv = 1e6\naov = 100\nname = 双11 大促 \xF0\x9F\x8E\x89\n[refunds]\nrate = 5%\n",
		      0, NULL) == 0) {
		CHECK(strcmp(sc.name, "双11 大促 \xF0\x9F\x8E\x89") == 0, "a UTF-8 name is kept as written");
		pc_scenario_release(&sc);
	}
	load_text(&sc, "b_key.ini", HEAD "gmv = 1e6\naov = 100\n\xFF\xFE = 1\n[refunds]\nrate = 5%\n",
		  0, "unknown key");
	put("b_shift.csv", "date,shift,headcount\n2026-11-01,d\xFF" "ay,3\n", 0);
	load_text(&sc, "b_csv.ini", HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = 5%\n[staff.agent]\nroster = b_shift.csv\n",
		  0, "b_shift.csv:2: unknown shift 'd?ay'"); /* the stray byte shown as '?' */
	/* Bytes of every value in a comment are nobody's business. */
	if (load_text(&sc, "b_comment.ini", HEAD "; \xFF\xFE\x01 comment\ngmv = 1e6\naov = 100\n[refunds]\nrate = 5%\n",
		      0, NULL) == 0)
		pc_scenario_release(&sc);
	/* A table that is a device, not a file. */
	load_text(&sc, "b_dev.ini", HEAD "gmv = 1e6\naov = 100\ndaily_share = /dev/zero\n[refunds]\nrate = 5%\n",
		  0, "cannot read '/dev/zero': not a regular file");
}

/* Values a scenario file cannot hold are refused, so that every scenario
 * that loads, or that pc_scenario_set makes, dumps to a file that loads
 * back to it. */
static void test_writable(void)
{
	static const struct {
		const char *section, *key, *value, *want;
	} sets[] = {
		{ "promotion", "name", ";", "'name' must be one line without control characters or a ';'" },
		{ "promotion", "name", "a ; b", "a ';' after a blank" },
		{ "promotion", "name", "two\nlines", "got 'two?lines'" },
		{ "promotion", "daily_share", "x.csv\n[refunds]", "must be one line" },
	};
	char name[400], line[400], text[1024], before[8192], after[8192];
	pc_scenario sc;
	pc_error err;
	size_t i;
	int n;

	if (load_text(&sc, "w_base.ini", HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = 5%\n", 0, NULL))
		return;
	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		FILE *f = fmemopen(before, sizeof before, "w");

		pc_scenario_dump(&sc, f);
		fclose(f);
		pc_error_clear(&err);
		CHECK(pc_scenario_set(&sc, sets[i].section, sets[i].key, sets[i].value, &err) == PC_EINPUT,
		      "set %s = '%s' refused", sets[i].key, sets[i].value);
		CHECK(strstr(err.msg, sets[i].want) != NULL, "set %s: '%s' contains '%s'", sets[i].key,
		      err.msg, sets[i].want);
		f = fmemopen(after, sizeof after, "w");
		pc_scenario_dump(&sc, f);
		fclose(f);
		CHECK(strcmp(before, after) == 0, "set %s: the scenario is unchanged", sets[i].key);
	}
	/* A CSV path of 301 characters (it exists) would make a dump line too
	 * long. */
	put("r.csv", "time_min,headcount\n0,3\n", 0);
	for (i = 0; i < 148; i++)
		memcpy(name + 2 * i, "./", 2);
	strcpy(name + 296, "r.csv");
	pc_error_clear(&err);
	CHECK(pc_scenario_set(&sc, "staff.agent", "roster", name, &err) == PC_EINPUT &&
	      strstr(err.msg, "'roster' is 310 characters written back as 'roster = ././") &&
	      strstr(err.msg, "more than the 199 of a line"),
	      "a 301-character roster path is refused: %s", err.msg);
	pc_scenario_release(&sc);

	/* Shifts written in 199 characters that grow when written back
	 * ("9:00" is "09:00", "a,b" is "a, b"). */
	n = snprintf(line, sizeof line, "shifts = ");
	for (i = 0; i < 8; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "%ss_%zu_xxxxxxxx 9:00-9:30",
			      i ? "," : "", i);
	CHECK(n <= 199, "the shifts line fits a line (%d)", n);
	snprintf(text, sizeof text, HEAD "gmv = 1e6\naov = 100\n[refunds]\nrate = 5%%\n[staff.agent]\n%s\n",
		 line);
	load_text(&sc, "w_shifts.ini", text, 0, "w_shifts.ini:9: 'shifts' is 215 characters written back as 'shifts = s_0_xxxxxxxx 09:00-09:30, s_1");
}

static void cleanup(void)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	gsl_set_error_handler_off();
	snprintf(dir, sizeof dir, "%s/promocap-extreme-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		CHECK(0, "a scratch folder");
		return check_done();
	}
	test_zero_staff();
	test_rates();
	test_huge_gmv();
	test_year();
	test_curves();
	test_numbers();
	test_long_lines();
	test_csv_forms();
	test_bytes();
	test_writable();
	cleanup();
	return check_done();
}
