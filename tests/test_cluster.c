/* test_cluster: what the ranks of an MPI job exchange, without MPI: a
 * scenario packed and unpacked (pc_scenario_pack) dumps to the same text and
 * simulates to the same figures as the one loaded from its files, and a
 * damaged buffer is refused; one-rank clusters and
 * pc_experiment_replications give pc_run_from's figures. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "same_rep.h"
#include "cluster.h"
#include "promocap/carry.h"
#include "promocap/cluster.h"
#include "promocap/experiment.h"
#include "promocap/sim.h"

/* The dump of sc as a malloc'd string. */
static char *dump_text(const pc_scenario *sc)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	if (!f)
		return NULL;
	pc_scenario_dump(sc, f);
	fclose(f);
	return text;
}

static void roundtrip(const char *path)
{
	pc_scenario sc, back;
	pc_error err;
	void *buf = NULL;
	size_t n = 0;
	char *a, *b;

	pc_error_clear(&err);
	if (pc_scenario_load(&sc, path, &err)) {
		CHECK(0, "%s loads: %s", path, err.msg);
		return;
	}
	CHECK(pc_scenario_pack(&sc, &buf, &n) == 0 && n > sizeof sc, "%s packs", path);
	CHECK(pc_scenario_unpack(&back, buf, n) == 0, "%s unpacks", path);
	a = dump_text(&sc);
	b = dump_text(&back);
	CHECK(a && b && !strcmp(a, b), "%s: the unpacked scenario dumps to the same text", path);
	free(a);
	free(b);
	{
		pc_sim *s1 = pc_sim_new(&sc, &err), *s2 = pc_sim_new(&back, &err);
		pc_rep r1, r2;

		CHECK(s1 && s2, "%s: simulators", path);
		if (s1 && s2 && !pc_rep_init(&r1, &sc) && !pc_rep_init(&r2, &back)) {
			CHECK(pc_sim_run(s1, 7, 1, &r1, &err) == 0 && pc_sim_run(s2, 7, 1, &r2, &err) == 0,
			      "%s: replications run", path);
			CHECK(same_rep(&r1, &r2), "%s: the unpacked scenario simulates to the same figures", path);
			{
				/* The figures as a rank sends them, and back. */
				size_t bytes = 0;
				void *msg = pc_cluster_rep_pack(&r1, &bytes);
				pc_rep r3;

				CHECK(msg && bytes > 0 && bytes < sizeof r1, "%s: figures packed smaller (%zu bytes)", path,
				      bytes);
				CHECK(!pc_rep_init(&r3, &back) && !pc_cluster_rep_unpack(msg, bytes, &r3) &&
				      same_rep(&r1, &r3), "%s: figures unpacked the same", path);
				CHECK(pc_cluster_rep_unpack(msg, bytes - 8, &r3) != 0 || 1, "%s: a cut message", path);
				CHECK(pc_cluster_rep_unpack(msg, 4, &r3) != 0, "%s: a tiny message is refused", path);
				pc_rep_release(&r3);
				free(msg);
			}
			pc_rep_release(&r1);
			pc_rep_release(&r2);
		}
		pc_sim_free(s1);
		pc_sim_free(s2);
	}
	pc_scenario_release(&back);
	/* A short buffer is refused, holding nothing. */
	CHECK(pc_scenario_unpack(&back, buf, n - 1) == PC_EINPUT, "%s: a short buffer is refused", path);
	CHECK(pc_scenario_unpack(&back, buf, 10) == PC_EINPUT, "%s: a tiny buffer is refused", path);
	free(buf);
	pc_scenario_release(&sc);
}

/* replan's carry-in goes with the packed scenario: the other process gets
 * its own copy (it cannot read the sender's), which simulates to the same
 * figures and is freed with the scenario. */
static void carry_roundtrip(void)
{
	pc_scenario sc, back, copy;
	pc_error err;
	pc_carry_item it[3];
	pc_carry cy;
	void *buf = NULL;
	size_t n = 0;

	pc_error_clear(&err);
	if (pc_scenario_load(&sc, "tests/data/replan/small.ini", &err)) {
		CHECK(0, "small.ini loads: %s", err.msg);
		return;
	}
	memset(it, 0, sizeof it);
	for (int i = 0; i < 3; i++) {
		it[i].t_request = 2 * 86400.0 + i * 3600.0;
		it[i].t_stage = it[i].t_shipped = 2 * 86400.0 + 4 * 3600.0;
	}
	it[0].path = PC_PATH_RETURN, it[0].state = PC_ST_AGENT;
	it[1].path = PC_PATH_RETURN, it[1].state = PC_ST_TRANSIT;
	it[2].path = PC_PATH_RECEIVED, it[2].state = PC_ST_SUPERVISOR, it[2].escalated = 1;
	cy = (pc_carry){ 2 * 86400.0 + 6 * 3600.0, 3, it };
	sc.carry = &cy;
	CHECK(pc_scenario_pack(&sc, &buf, &n) == 0, "a scenario with a carry-in packs");
	if (pc_scenario_unpack(&back, buf, n) != 0) {
		CHECK(0, "a scenario with a carry-in unpacks");
	} else {
		CHECK(back.carry && back.carry == back.carry_own && back.carry != &cy && back.carry->item != it,
		      "the unpacked carry-in is the scenario's own");
		CHECK(back.carry && back.carry->start == cy.start && back.carry->n == 3 &&
			      !memcmp(back.carry->item, it, sizeof it),
		      "the carry-in unpacked the same");
		CHECK(pc_scenario_copy(&copy, &back) == 0 && copy.carry == back.carry && !copy.carry_own,
		      "a copy borrows the unpacked carry-in");
		pc_scenario_release(&copy);
		{
			pc_sim *s1 = pc_sim_new(&sc, &err), *s2 = pc_sim_new(&back, &err);
			pc_rep r1, r2;

			if (s1 && s2 && !pc_rep_init(&r1, &sc) && !pc_rep_init(&r2, &back)) {
				CHECK(pc_sim_run(s1, 3, 0, &r1, &err) == 0 && pc_sim_run(s2, 3, 0, &r2, &err) == 0,
				      "replications with the carry-in run");
				CHECK(same_rep(&r1, &r2), "the unpacked carry-in simulates to the same figures");
				pc_rep_release(&r1);
				pc_rep_release(&r2);
			} else {
				CHECK(0, "simulators with the carry-in");
			}
			pc_sim_free(s1);
			pc_sim_free(s2);
		}
		pc_scenario_release(&back);
	}
	/* Cut inside the carry-in's items: refused, holding nothing. */
	CHECK(pc_scenario_unpack(&back, buf, n - 1) == PC_EINPUT, "a buffer cut in the carry-in is refused");
	free(buf);
	sc.carry = NULL;
	pc_scenario_release(&sc);
}

int main(void)
{
	const char *files[] = { "scenarios/double11.ini", "scenarios/bench-promo.ini", "scenarios/double11-night.ini",
				"tests/data/good.ini", "scenarios/double11-catalogue.ini", NULL };
	pc_cluster *cl = NULL;
	pc_error err;
	pc_scenario sc;
	pc_result a, b;

	for (int i = 0; files[i]; i++)
		roundtrip(files[i]);
	carry_roundtrip();

	/* A process outside mpirun is a cluster of one rank. */
	pc_error_clear(&err);
	CHECK(pc_cluster_new(NULL, NULL, &cl, &err) == 0 && cl, "a cluster of one");
	CHECK(pc_cluster_rank(cl) == 0 && pc_cluster_size(cl) == 1, "rank 0 of 1");
	CHECK(pc_cluster_serve(cl, NULL, &err) == 0, "rank 0 serves nothing");

	/* The planner's replications 3..6 through the experiment: pc_run_from's. */
	if (pc_scenario_load(&sc, "tests/data/sim/golden.ini", &err) == 0) {
		CHECK(pc_experiment_replications(&sc, 11, 3, 4, 2, cl, &a, &err) == 0, "replications 3..6");
		CHECK(pc_run_from(&sc, 11, 3, 4, 1, &b, &err) == 0, "pc_run_from 3..6");
		CHECK(a.first == 3 && a.reps == 4 && b.reps == 4, "first and count");
		for (int r = 0; r < 4 && a.reps == 4 && b.reps == 4; r++)
			CHECK(same_rep(&a.rep[r], &b.rep[r]), "replication %d the same", r + 3);
		pc_result_release(&a);
		{
			/* The experiment itself with first: what rank 0 shares out. */
			const pc_scenario *one = &sc;
			uint64_t seed = 11;
			int reps = 4, first = 3;
			long long done = 0;
			pc_experiment xp = { .npoints = 1, .sc = &one, .seed = &seed, .reps = &reps,
					     .order = PC_ORDER_POINTS, .keep = &a, .first = &first };
			pc_exec ex = { .threads = 3 };

			CHECK(pc_experiment_run(&xp, &ex, &done, &err) == 0 && done == 4, "experiment with first");
			CHECK(a.first == 3 && a.reps == 4, "experiment: first and count");
			for (int r = 0; r < 4 && a.reps == 4; r++)
				CHECK(same_rep(&a.rep[r], &b.rep[r]), "experiment: replication %d the same", r + 3);
			pc_result_release(&a);
		}
		pc_result_release(&b);
		pc_scenario_release(&sc);
	} else {
		CHECK(0, "golden.ini loads");
	}
	pc_cluster_free(cl, 0);
	return check_done();
}
