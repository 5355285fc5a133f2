/* progress: the progress bar on stderr (terminals only) and the Ctrl-C watcher
 * that asks a running experiment to stop. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Bar width in characters, and the least time between two draws. */
#define BAR_WIDTH 24
#define BAR_EVERY 0.1

void cli_progress_init(cli_progress *p, int quiet)
{
	memset(p, 0, sizeof *p);
	p->quiet = quiet;
	p->on = !quiet && isatty(STDERR_FILENO);
	p->t0 = cli_seconds_now();
	p->last = -1;
}

void cli_progress_ranks(cli_progress *p, int ranks)
{
	p->ranks = ranks;
	/* Under mpirun rank 0's stderr is a pipe to mpirun, its stdout the
	 * terminal's pty when mpirun runs on one. */
	if (ranks > 1 && !p->quiet && isatty(STDOUT_FILENO))
		p->on = 1;
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
	fprintf(stderr, "\r[%s] %3.0f%%  %d/%d points  %lld/%lld replications  %s elapsed  %s left",
		bar, 100 * share, pr->points_done, pr->points, pr->reps_done, pr->reps, took, left);
	if (p->ranks > 1)
		fprintf(stderr, "  %d ranks", p->ranks);
	fputs("\033[K", stderr);
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

int cli_stop_init(cli_stop *s, cli_job *job)
{
	sigset_t set;

	atomic_init(&s->flag, 0);
	s->active = 0;
	s->job = NULL;
	if (job && job->active) {
		pthread_mutex_lock(&job->lock);
		job->stop = &s->flag;
		pthread_mutex_unlock(&job->lock);
		s->job = job;
		s->active = 1;
		return 0;
	}
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
	if (s->job) {
		pthread_mutex_lock(&s->job->lock);
		s->job->stop = NULL;
		pthread_mutex_unlock(&s->job->lock);
		s->job = NULL;
	} else {
		pthread_cancel(s->watcher);
		pthread_join(s->watcher, NULL);
	}
	s->active = 0;
}

/* ---- the signals of an MPI job ------------------------------------------ */

static void job_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

int cli_job_block(sigset_t *old)
{
	sigset_t set;

	job_signals(&set);
	return pthread_sigmask(SIG_BLOCK, &set, old) == 0 ? 0 : -1;
}

void cli_job_torn_down(void *user, const pc_error *err)
{
	char msg[2200];

	(void)user;
	if (isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	fprintf(stderr, "promocap: %s; nothing written\n", pc_error_format(err, msg, sizeof msg));
	fflush(stderr);
	_exit(EXIT_RUN);
}

static void *job_watch(void *arg)
{
	cli_job *j = arg;
	sigset_t set;

	job_signals(&set);
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&set, &si);

		if (sig < 0)
			continue;
		if (sig == SIGTERM && si.si_pid == getppid()) {
			/* mpirun (or orted) ends the job: a rank died or mpirun
			 * itself was stopped; SIGKILL follows within a second. */
			struct timespec grace = { 0, 600000000 };

			if (j->rank != 0)
				_exit(EXIT_RUN);
			atomic_store(&j->torn, PC_CLUSTER_TORN_DOWN);
			pthread_mutex_lock(&j->lock);
			if (j->stop)
				atomic_store(j->stop, PC_CLUSTER_TORN_DOWN);
			pthread_mutex_unlock(&j->lock);
			/* The experiment names the tasks in progress and leaves;
			 * otherwise this says what happened. */
			nanosleep(&grace, NULL);
			fprintf(stderr, "promocap: the MPI runtime is ending the job (a rank died, or mpirun was "
					"stopped); nothing more is written\n");
			_exit(EXIT_RUN);
		}
		if (j->rank != 0) {
			atomic_store(&j->signal, sig);
			continue;
		}
		pthread_mutex_lock(&j->lock);
		if (j->stop) {
			atomic_store(j->stop, 1);
			pthread_mutex_unlock(&j->lock);
			continue;
		}
		pthread_mutex_unlock(&j->lock);
		/* Nothing to stop cleanly: the signal ends the process as it
		 * would without MPI. */
		{
			sigset_t one;

			signal(sig, SIG_DFL);
			sigemptyset(&one);
			sigaddset(&one, sig);
			pthread_sigmask(SIG_UNBLOCK, &one, NULL);
			raise(sig);
		}
	}
	return NULL;
}

int cli_job_start(cli_job *j, int rank)
{
	j->rank = rank;
	atomic_init(&j->signal, 0);
	atomic_init(&j->torn, 0);
	j->stop = NULL;
	pthread_mutex_init(&j->lock, NULL);
	if (pthread_create(&j->watcher, NULL, job_watch, j) != 0)
		return -1;
	j->active = 1;
	return 0;
}
