/* progress: the progress bar on stderr (terminals only) and the Ctrl-C watcher
 * that asks a running experiment to stop. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Bar width in characters, and the least time between two draws. */
#define BAR_WIDTH 24
#define BAR_EVERY 0.1

void cli_progress_init(cli_progress *p, int quiet)
{
	memset(p, 0, sizeof *p);
	p->on = !quiet && isatty(STDERR_FILENO);
	p->t0 = cli_seconds_now();
	p->last = -1;
}

/* m:ss, or h:mm:ss from an hour. */
static void clock_text(double s, char *buf, size_t n)
{
	long t = s < 0 ? 0 : (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

void cli_progress_report(void *user, const pc_progress *pr)
{
	cli_progress *p = user;
	double now, elapsed, share;
	char bar[BAR_WIDTH + 1], took[32], left[32];
	int fill;

	if (!p->on)
		return;
	now = cli_seconds_now();
	if (pr->reps_done < pr->reps && p->last >= 0 && now - p->last < BAR_EVERY)
		return;
	p->last = now;
	elapsed = now - p->t0;
	share = pr->reps > 0 ? (double)pr->reps_done / (double)pr->reps : 1;
	fill = (int)(share * BAR_WIDTH);
	for (int i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	clock_text(elapsed, took, sizeof took);
	if (pr->reps_done > 0)
		clock_text(elapsed * (double)(pr->reps - pr->reps_done) / (double)pr->reps_done, left,
			   sizeof left);
	else
		snprintf(left, sizeof left, "?");
	fprintf(stderr, "\r[%s] %3.0f%%  %d/%d points  %lld/%lld replications  %s elapsed  %s left\033[K",
		bar, 100 * share, pr->points_done, pr->points, pr->reps_done, pr->reps, took, left);
	fflush(stderr);
	p->drawn = 1;
}

void cli_progress_done(cli_progress *p)
{
	if (p->on && p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->drawn = 0;
}

/* The watcher: waits for SIGINT or SIGTERM and raises the flag, for as long
 * as the experiment runs (cli_stop_release cancels it in sigwait). */
static void *stop_watch(void *arg)
{
	cli_stop *s = arg;
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	for (;;)
		if (sigwait(&set, &sig) == 0)
			atomic_store(&s->flag, 1);
	return NULL;
}

int cli_stop_init(cli_stop *s)
{
	sigset_t set;

	atomic_init(&s->flag, 0);
	s->active = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	if (pthread_create(&s->watcher, NULL, stop_watch, s) != 0) {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return -1;
	}
	s->active = 1;
	return 0;
}

void cli_stop_release(cli_stop *s)
{
	if (!s->active)
		return;
	pthread_cancel(s->watcher);
	pthread_join(s->watcher, NULL);
	s->active = 0;
}
