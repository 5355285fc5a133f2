/* commands: the subcommands' table and the texts of --help (options, exit codes), from which the usage, the manual page and the shell completion are all written. */
#include <stddef.h>

#include "cli.h"

const cli_command cli_commands[] = {
	{ "run", cmd_run, CLI_EVENTS,
	  "promocap run SCENARIO.ini [-o DIR] [--reps N] [--seed S] [--threads N] [--max-memory SIZE]\n"
	  "                    [--quiet] [--stats] [--no-charts] [--format png|svg|pdf]... [--lang en|zh] [--report]\n"
	  "                    [--no-xlsx] [--bom] [--events PREFIX [--encoding gbk]]",
	  "simulate the scenario, print the summary, write the tables and report.xlsx into DIR" },
	{ "sweep", cmd_sweep, CLI_VARY | CLI_MULTI,
	  "promocap sweep SCENARIO.ini [MORE.ini ...] --vary KEY=VALUES [--vary ...] [-o DIR] [--reps N] [--seed S]\n"
	  "                    [--threads N] [--max-memory SIZE] [--quiet] [--no-xlsx] [--lang en|zh] [--report]",
	  "run every combination of the varied keys; sweep.csv, whatif.csv and report.xlsx into DIR\n"
	  "          (several scenarios: each swept in turn into DIR/NAME)" },
	{ "compare", cmd_compare, CLI_MULTI,
	  "promocap compare A.ini B.ini [C.ini ...] [-o DIR] [--reps N] [--seed S] [--threads N]\n"
	  "                    [--max-memory SIZE] [--quiet] [--no-xlsx] [--lang en|zh] [--report]\n"
	  "       promocap compare --each A.ini B.ini [...] --each C.ini D.ini [...] [...] [-o DIR] [options]",
	  "KPIs side by side, differences to A with CIs from paired replications; compare*.csv and report.xlsx into DIR\n"
	  "          (--each: one comparison per group, each into DIR/NAME of its first scenario)" },
	{ "check", cmd_check, CLI_ONE, "promocap check SCENARIO.ini | promocap check --keys",
	  "validate a scenario and print it resolved, every default shown, then a summary in plain words;\n"
	  "          --keys prints the key reference" },
	{ "plot", cmd_plot, CLI_ONE, "promocap plot DIR [-o OUTDIR] [--format png|svg|pdf]... [--lang en|zh] [--quiet]",
	  "redraw every chart from the tables a run wrote into DIR (PNG and SVG unless --format says;\n"
	  "          run also draws them: --no-charts to skip, --format, --lang, --report for report.html)" },
	{ "report", cmd_report, CLI_EVENTS, "promocap report SCENARIO.ini -o DIR [--format F]... [--lang en|zh] [run's options]",
	  "run, draw the charts, and write DIR/report.html: the review pack, one self-contained page" },
	{ "plan", cmd_plan, CLI_PLAN,
	  "promocap plan SCENARIO.ini [-o DIR] [--reps N] [--screen-reps N] [--budget N] [--relax P] [--seed S] [--threads N]\n"
	  "                    [--confidence P] [--max-memory SIZE] [--quiet] [--stats] [--no-xlsx] [--lang en|zh] [--report]",
	  "find the smallest rosters that meet every SLA target; write the staffing, the methods compared and\n"
	  "          the plan's tables into DIR (exit 1 when a target cannot be met within max_per_shift);\n"
	  "          with [plan] *_patterns, design the shifts themselves (GLPK): verdict, roster grid, daily_sla.csv" },
	{ "replan", cmd_replan, CLI_PLAN | CLI_REPLAN,
	  "promocap replan SCENARIO.ini --now \"YYYY-MM-DD HH:MM\" [--actuals REFUNDS.csv] [--orders ORDERS.csv]\n"
	  "                    [--map MAP.ini] [--encoding utf-8|gbk] [-o DIR] [plan's options]",
	  "re-plan during the promotion: the refunds open at --now carried in with their ages, the rest of\n"
	  "          the demand scaled by actual / forecast to date (with its 95% CI), the remaining days planned;\n"
	  "          plan's outputs plus replan.txt, carry_in.csv and reforecast.csv" },
	{ "fit", cmd_fit, CLI_FIT,
	  "promocap fit --orders ORDERS.csv --refunds REFUNDS.csv [--work WORK.csv] [--map MAP.ini]\n"
	  "                    [--encoding utf-8|gbk] [--from DATE --to DATE] -o DIR [--lang en|zh]\n"
	  "                    [--format png|svg|pdf]... [--no-charts] [--quiet]",
	  "learn a scenario from the seller back end's exports: DIR/scenario.ini and its tables, loadable\n"
	  "          by run and plan, and the fit report fit.html (verdict, every figure with its 95% CI and n,\n"
	  "          charts of each fitted distribution over the data), fit.txt and fit.csv" },
	{ "backtest", cmd_backtest, CLI_FIT | CLI_ROSTER,
	  "promocap backtest SCENARIO.ini --orders ORDERS.csv --refunds REFUNDS.csv [--work WORK.csv]\n"
	  "                    [--roster ROSTER.csv] [--map MAP.ini] [--encoding utf-8|gbk] -o DIR [--reps N] [--seed S]\n"
	  "                    [--threads N] [--quiet] [--no-charts] [--format png|svg|pdf]... [--lang en|zh]",
	  "simulate the scenario with last year's agent roster and compare with the actual KPIs and daily\n"
	  "          curves of the exports: verdict, backtest.csv, backtest_daily.csv, backtest.txt and a chart\n"
	  "          into DIR (exit 0 however far off: the errors are the result)" },
	{ "erlang", cmd_erlang, CLI_RAW,
	  "promocap erlang --calls N [--per D] --aht D --target \"80% within 20s\" [--patience D] [--shrinkage P]\n"
	  "                    [--max-occupancy P] [--max-abandon P] [--agents N|N:M[:STEP]] [--intervals FILE.csv]\n"
	  "                    [--within D] [--max-agents N] [--fractional]",
	  "the call-centre calculator (Erlang C, Erlang A with --patience): agents needed for a target,\n"
	  "          the service level of --agents N, a CSV table over N:M agents or over a day (--intervals)" },
	{ NULL, NULL, 0, NULL, NULL }
};

const char cli_options_text[] =
	"  -o DIR        write the CSV tables into DIR (created if missing)\n"
	"  --reps N      replications (default: the scenario's [simulation] replications)\n"
	"  --seed S      random seed 0..18446744073709551615 (default: the scenario's [simulation] seed)\n"
	"  --threads N   worker threads (default: one per core); results do not depend on it\n"
	"  --vary KEY=VALUES  (sweep) a key and its values: FROM:TO:STEP in the key's syntax\n"
	"                (4:20:2, 3%:8%:1%, 10min:60min:10min) or a list V1,V2,... (';' between\n"
	"                values that hold commas); KEY is section.key, a key unique to one\n"
	"                section, refund_rate, agents, supervisors, inspectors, response_timeout,\n"
	"                or agents.SHIFT (that shift's headcount on every day)\n"
	"  --max-memory SIZE  refuse a run, plan, sweep or comparison estimated to need more\n"
	"                memory than SIZE (4G, 512M;\n"
	"                default: half the machine's RAM)\n"
	"  --screen-reps N  plan: replications of a screening check, at most reps (default: reps / 5,\n"
	"                even, >= 4)\n"
	"  --budget N    plan: replications of the search (default: from the scenario's size)\n"
	"  --relax P     plan: a target no roster meets is planned for the maximum's value less P% of it (5)\n"
	"  --confidence P  plan: with a forecast distribution in the scenario, rosters that meet every\n"
	"                target in P (90%) of the forecast draws, not only at the mean forecast;\n"
	"                confidence.csv holds the draws checked (docs/forecast.md)\n"
	"  --each        compare: the scenarios after it are one comparison (repeat for several)\n"
	"  --quiet       no summary on stdout, no progress bar\n"
	"  --stats       print wall time, events per second and peak memory on stderr\n"
	"  --no-charts   run: write the tables only (no gnuplot)\n"
	"  --format F    charts as png, svg or pdf (repeatable; default png and svg)\n"
	"  --lang L      chart and report labels in en (default) or zh\n"
	"  --report      run, plan, compare, sweep: also write report.html, the review pack (one\n"
	"                self-contained page: the verdict first, then the grid, the differences or the\n"
	"                points, the targets met or missed, the charts)\n"
	"  --no-xlsx     run, plan, compare, sweep: no report.xlsx (the Excel workbook written with -o DIR)\n"
	"  --events PREFIX  run: also write the first replication's event log as the seller back end\n"
	"                exports it: PREFIX_orders.csv, PREFIX_refunds.csv (Chinese headers, UTF-8, or\n"
	"                GBK with --encoding gbk) and PREFIX_work.csv (agent, case, start, end, task, 岗位);\n"
	"                input for promocap fit\n"
	"  --now TIME    replan: the moment to re-plan from, YYYY-MM-DD HH:MM within the scenario\n"
	"  --actuals F   replan: the refunds export so far, as fit reads it (none: nothing open, no re-forecast)\n"
	"  --orders F    fit, backtest, replan: the orders export (订单编号, 订单付款时间, 买家实际支付金额, 发货时间, ...)\n"
	"  --refunds F   fit, backtest: the refunds export (退款编号, 订单编号, 申请退款时间, 退款类型, 退款状态, ...)\n"
	"  --work F      fit, backtest: the agents' work log (agent, case, start, end[, task]) for handle times\n"
	"  --map F       fit, backtest, replan: an INI file naming other headers: [orders] paid = 付款时间, ...\n"
	"  --encoding E  fit, backtest, replan: the exports' encoding, utf-8 (default) or gbk (converted with iconv)\n"
	"  --from DATE   fit: first day of the sales window (default: the first payment day)\n"
	"  --to DATE     fit: last day of the sales window (default: the last payment day)\n"
	"  --roster F    backtest: last year's agent roster (date,shift,headcount or datetime,headcount);\n"
	"                default: the agents with work in each hour of --work, else the scenario's\n"
	"  --bom         run: CSV tables start with a UTF-8 byte-order mark, so Excel shows\n"
	"                Chinese text\n"
	"  -h, --help    this text\n"
	"  -V, --version  the version, the git commit and the libraries linked\n";

const char cli_exit_text[] =
	"exit codes: 0 ok, 1 the run failed, was stopped, or no staffing meets the targets,\n"
	"            2 usage error or bad input (erlang: also no team within --max-agents)\n";
