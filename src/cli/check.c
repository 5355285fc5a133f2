/* check: validate a scenario and print it resolved, or the key reference. */
#include <stdio.h>

#include "cli.h"
#include "promocap/overview.h"

int cmd_check(const options *opt)
{
	pc_scenario sc;
	int rc;

	if (opt->keys)
		return pc_scenario_keys_markdown(stdout) ? EXIT_RUN : EXIT_OK;
	if ((rc = cli_load(opt, &sc)))
		return rc;
	rc = pc_scenario_dump(&sc, stdout) || pc_overview_write(&sc, stdout) ? EXIT_RUN : EXIT_OK;
	pc_scenario_release(&sc);
	return rc;
}

