/* scenario_dump: writes every key of a scenario back in its canonical form (pc_scenario_dump), and the key reference (pc_scenario_key_info, pc_scenario_keys_markdown). */
#include "scenario_internal.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

int pc_scenario_key_info(int i, pc_key_info *info)
{
	const key_def *kd;

	if (i < 0 || i >= PC_NKEYS)
		return -1;
	kd = &pc_scn_keys[i];
	info->section = kd->section;
	info->name = kd->name;
	info->doc = kd->doc;
	info->def = kd->def;
	switch (kd->type) {
	case PC_KT_POSITIVE:
	case PC_KT_NONNEG:
		info->syntax = PC_SYNTAX_NUMBER;
		break;
	case PC_KT_COUNT:
	case PC_KT_SEED:
	case PC_KT_REPLICATIONS:
	case PC_KT_ROSTER:
		info->syntax = PC_SYNTAX_WHOLE;
		break;
	case PC_KT_SHARE:
	case PC_KT_RATE:
	case PC_KT_RATIO:
		info->syntax = PC_SYNTAX_SHARE;
		break;
	case PC_KT_DURATION_POS:
	case PC_KT_DURATION_NONNEG:
	case PC_KT_TIMEOUT:
	case PC_KT_INTERVAL:
		info->syntax = PC_SYNTAX_DURATION;
		break;
	default:
		info->syntax = PC_SYNTAX_OTHER;
		break;
	}
	return 0;
}

/* ---- dump and key reference -------------------------------------------- */

/* Writes a duration, or none for 0 when none_for_zero. */
static void scenario_format_duration(double seconds, int none_for_zero, char *buf, size_t n)
{
	if (none_for_zero && seconds == 0.0)
		snprintf(buf, n, "none");
	else
		pc_dist_format_duration(seconds, buf, n);
}

/* Writes the canonical value of key k. */
void pc_scn_key_format(const pc_scenario *sc, int k, char *buf, size_t n)
{
	const key_def *kd = &pc_scn_keys[k];
	const void *field = pc_scn_key_cfield(sc, k);
	const pc_staff *st = &sc->staff[pc_scn_key_res(k)];
	char a[64], z[160];
	int i, j;

	buf[0] = '\0';
	if (pc_scn_forecast_format(sc, k, buf, n))
		return;
	switch (kd->type) {
	case PC_KT_TEXT:
		snprintf(buf, n, "%s", sc->name);
		break;
	case PC_KT_DATE:
		pc_date_format(sc->day0 + (k == PC_KEY_SALES_START ? 0 : sc->sales_days - 1), buf, n);
		break;
	case PC_KT_DATETIME:
		if (k == PC_KEY_HORIZON && fmod(sc->horizon, PC_DAY) == 0.0 && sc->horizon > 0.0)
			pc_date_format(sc->day0 + (int64_t)(sc->horizon / PC_DAY) - 1, buf, n);
		else
			pc_scn_format_at(sc->day0, *(const double *)field, buf, n);
		break;
	case PC_KT_POSITIVE:
	case PC_KT_NONNEG:
		snprintf(buf, n, "%.15g", *(const double *)field);
		break;
	case PC_KT_SHARE:
	case PC_KT_RATIO:
		pc_scn_format_share(*(const double *)field, buf, n);
		break;
	case PC_KT_DURATION_POS:
	case PC_KT_DURATION_NONNEG:
	case PC_KT_INTERVAL:
	case PC_KT_TIMEOUT:
		scenario_format_duration(*(const double *)field, kd->type == PC_KT_TIMEOUT, buf, n);
		break;
	case PC_KT_DIST:
	case PC_KT_DIST_CNY:
		pc_dist_format(field, buf, n);
		break;
	case PC_KT_DIST_NONE:
		if (((const pc_dist_opt *)field)->set)
			pc_dist_format(field, buf, n);
		else
			snprintf(buf, n, "none");
		break;
	case PC_KT_MONEY_NONE:
		if (*(const double *)field > 0)
			snprintf(buf, n, "%.15g", *(const double *)field);
		else
			snprintf(buf, n, "none");
		break;
	case PC_KT_REASONS:
	case PC_KT_PATHS:
	case PC_KT_LATE_MIX: {
		const char *const *names = kd->type == PC_KT_PATHS ? pc_scn_path_names
					   : kd->type == PC_KT_LATE_MIX ? pc_scn_late_names
									: pc_scn_reason_names;
		int m = kd->type == PC_KT_PATHS ? PC_NPATHS : kd->type == PC_KT_LATE_MIX ? PC_NLATE : PC_NREASONS;

		for (i = 0; i < m; i++) {
			pc_scn_format_share(((const double *)field)[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", i ? ", " : "", names[i], a);
			pc_scn_append(buf, n, z);
		}
		break;
	}
	case PC_KT_DAILY:
	case PC_KT_HOURLY:
	case PC_KT_CURVE:
	case PC_KT_DAYS:
	case PC_KT_REQ_HOURS:
		snprintf(buf, n, "%s", (const char *)field);
		break;
	case PC_KT_TIMING:
		snprintf(buf, n, "%s", pc_scn_timing_names[*(const int *)field ? 1 : 0]);
		break;
	case PC_KT_RATE:
		if (sc->rate_text[0])
			snprintf(buf, n, "%s", sc->rate_text);
		else
			pc_scn_format_share(*(const double *)field, buf, n);
		break;
	case PC_KT_HOURS_RANGE:
		if (sc->courier_open == 0 && sc->courier_close == 1440)
			snprintf(buf, n, "always");
		else
			snprintf(buf, n, "%02d:%02d-%02d:%02d", sc->courier_open / 60, sc->courier_open % 60,
				 sc->courier_close / 60, sc->courier_close % 60);
		break;
	case PC_KT_WAVES:
		if (!sc->nwaves)
			snprintf(buf, n, "none");
		for (i = 0; i < sc->nwaves; i++) {
			snprintf(z, sizeof z, "%s%02d:%02d", i ? ", " : "", sc->wave_minute[i] / 60,
				 sc->wave_minute[i] % 60);
			pc_scn_append(buf, n, z);
		}
		break;
	case PC_KT_REJECT:
		if (!sc->reject_set) {
			snprintf(buf, n, "none");
			break;
		}
		for (i = 0, j = 0; i < PC_NREASONS; i++) {
			if (sc->reject[i] == 0)
				continue;
			pc_scn_format_share(sc->reject[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", j++ ? ", " : "", pc_scn_reason_names[i], a);
			pc_scn_append(buf, n, z);
		}
		if (j == 0)
			snprintf(buf, n, "%s 0%%", pc_scn_reason_names[0]);
		break;
	case PC_KT_REJECT_MIX:
		for (i = 0; i < PC_NAFTER_REJECT; i++) {
			pc_scn_format_share(((const double *)field)[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", i ? ", " : "", pc_scn_after_reject_names[i], a);
			pc_scn_append(buf, n, z);
		}
		break;
	case PC_KT_STATES:
		for (i = 0; i < PC_NSTATES_ASKED; i++) {
			pc_scn_format_share(((const double *)field)[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", i ? ", " : "", pc_scn_asked_names[i], a);
			pc_scn_append(buf, n, z);
		}
		break;
	case PC_KT_BOOL:
		snprintf(buf, n, "%s", *(const int *)field ? "yes" : "no");
		break;
	case PC_KT_ESCALATION:
		pc_scn_format_share(*(const double *)field * PC_DAY, a, sizeof a);
		snprintf(buf, n, "%s/d", a);
		break;
	case PC_KT_SHIFTS:
		for (i = 0; i < st->nshifts; i++) {
			const pc_shift *sh = &st->shift[i];
			int s = sh->start / 60, e = sh->end / 60;
			char item[80];

			if (e > 1440)
				e -= 1440;
			snprintf(item, sizeof item, "%s%s %02d:%02d-%02d:%02d", i ? ", " : "", sh->name,
				 s / 60, s % 60, e / 60, e % 60);
			pc_scn_append(buf, n, item);
		}
		break;
	case PC_KT_ROSTER:
		snprintf(buf, n, "%s", st->roster_text);
		for (i = 0; i < st->nshifts; i++) {
			if (st->shift_headcount[i] < 0)
				continue;
			snprintf(z, sizeof z, ", %s %d", st->shift[i].name, st->shift_headcount[i]);
			pc_scn_append(buf, n, z);
		}
		break;
	case PC_KT_DISCIPLINE:
		snprintf(buf, n, "%s", st->discipline == PC_DISC_PRIORITY ? "priority"
				       : st->discipline == PC_DISC_AGE	   ? "age"
									   : "fifo");
		break;
	case PC_KT_PRIORITY:
		for (i = 0; i < st->npriority; i++) {
			pc_scn_append(buf, n, i ? ", " : "");
			pc_scn_append(buf, n, pc_scn_task_names[st->priority[i]]);
		}
		break;
	case PC_KT_COUNT:
		snprintf(buf, n, "%d", *(const int *)field);
		break;
	case PC_KT_SLA: {
		const pc_sla_target *t = field;

		if (!t->set) {
			snprintf(buf, n, "none");
			break;
		}
		pc_scn_format_share(t->share, a, sizeof a);
		pc_dist_format_duration(t->within, z, sizeof z);
		snprintf(buf, n, "%s within %s", a, z);
		break;
	}
	case PC_KT_LIMIT:
		if (!sc->sla_dispute_set) {
			snprintf(buf, n, "none");
			break;
		}
		pc_scn_format_share(sc->sla_dispute_max, a, sizeof a);
		snprintf(buf, n, "below %s", a);
		break;
	case PC_KT_SEED:
		snprintf(buf, n, "%" PRIu64, sc->seed);
		break;
	case PC_KT_REPLICATIONS:
		snprintf(buf, n, "%d", sc->replications);
		break;
	case PC_KT_JUDGED:
		snprintf(buf, n, "%s", *(const int *)field == PC_JUDGED_HORIZON    ? "horizon"
				       : *(const int *)field == PC_JUDGED_INTERVAL ? "interval"
										: "day");
		break;
	case PC_KT_PATTERNS:
		pc_shifts_format(field, buf, n);
		break;
	}
}

int pc_scenario_dump(const pc_scenario *sc, FILE *out)
{
	const char *section = NULL;
	char value[1024];
	int k;

	/* No name in this comment: a long name would push it past the line
	 * limit and the dump would not load again. */
	fputs("; promocap scenario, every key resolved, defaults included\n", out);
	for (k = 0; k < PC_NKEYS; k++) {
		if (!section || strcmp(section, pc_scn_keys[k].section) != 0) {
			section = pc_scn_keys[k].section;
			fprintf(out, "\n[%s]\n", section);
		}
		pc_scn_key_format(sc, k, value, sizeof value);
		fprintf(out, "%s = %s\n", pc_scn_keys[k].name, value);
	}
	return ferror(out) ? PC_EIO : 0;
}

/* Writes text with '|' escaped for a markdown table cell. */
static void scenario_cell(FILE *out, const char *text, size_t n)
{
	size_t i;

	for (i = 0; i < n && text[i]; i++) {
		if (text[i] == '|')
			fputc('\\', out);
		fputc(text[i], out);
	}
}

int pc_scenario_keys_markdown(FILE *out)
{
	const char *section = NULL;
	int k;

	for (k = 0; k < PC_NKEYS; k++) {
		const key_def *kd = &pc_scn_keys[k];

		if (!section || strcmp(section, kd->section) != 0) {
			section = kd->section;
			fprintf(out, "%s### [%s]\n\n| key | default | meaning |\n|---|---|---|\n",
				k ? "\n" : "", section);
		}
		fprintf(out, "| `%s` | ", kd->name);
		if (!kd->def) {
			fputs("required", out);
		} else if (kd->def[0] == '(') {
			fputc('*', out);
			scenario_cell(out, kd->def + 1, strlen(kd->def) - 2);
			fputc('*', out);
		} else {
			fputc('`', out);
			scenario_cell(out, kd->def, strlen(kd->def));
			fputc('`', out);
		}
		fputs(" | ", out);
		scenario_cell(out, kd->doc, strlen(kd->doc));
		fputs(" |\n", out);
	}
	return ferror(out) ? PC_EIO : 0;
}
