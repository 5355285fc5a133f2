/* cluster: an experiment's (point, replication) tasks spread over the ranks
 * of an Open MPI job.  Rank 0 broadcasts the points (each scenario packed
 * with its tables), hands units of work out one at a time as ranks ask,
 * receives every replication's raw figures and lets the experiment reduce
 * them in its fixed order; the other ranks only compute.  Built without
 * MPI (the default) every process is a cluster of one rank. */
#include "cluster.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "promocap/sim.h"

struct pc_cluster {
	int rank;
	int size;
	int mpi; /* MPI_Init was called */
};

int pc_cluster_threads(int threads, long long tasks)
{
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (n > PC_CLUSTER_MAX_THREADS ? PC_CLUSTER_MAX_THREADS : (int)n) : 1;
	}
	if (threads > PC_CLUSTER_MAX_THREADS)
		threads = PC_CLUSTER_MAX_THREADS;
	if (threads > tasks)
		threads = (int)tasks;
	return threads < 1 ? 1 : threads;
}

int pc_cluster_rank(const pc_cluster *cl)
{
	return cl ? cl->rank : 0;
}

int pc_cluster_size(const pc_cluster *cl)
{
	return cl ? cl->size : 1;
}

/* ---- a replication's figures as bytes (any build) -------------------------- */

static size_t rep_series_n(const pc_rep *rep)
{
	return (size_t)rep->nintervals * PC_TS_NCOLS;
}

static size_t rep_daily_n(const pc_rep *rep)
{
	return (size_t)rep->ndays * PC_DAY_NCOLS;
}

/* The words of a replication: the record, then its series and days, as
 * 8-byte words (the record is all doubles, ints and pointers). */
typedef struct rep_words {
	const unsigned char *part[3]; /* read with memcpy: no aliasing */
	size_t n[3];
} rep_words;

static void rep_words_of(const pc_rep *rep, rep_words *w)
{
	w->part[0] = (const unsigned char *)rep;
	w->n[0] = sizeof *rep / sizeof(uint64_t);
	w->part[1] = (const unsigned char *)rep->series;
	w->n[1] = rep_series_n(rep);
	w->part[2] = (const unsigned char *)rep->daily;
	w->n[2] = rep_daily_n(rep);
}

void *pc_cluster_rep_pack(const pc_rep *rep, size_t *n)
{
	rep_words w;
	size_t total, cap, at = 0, i = 0, k = 0;
	uint64_t *out;
	uint32_t zeros = 0, lits = 0;
	size_t lit_at = 0;

	_Static_assert(sizeof(pc_rep) % sizeof(uint64_t) == 0, "pc_rep is a whole number of words");
	rep_words_of(rep, &w);
	total = w.n[0] + w.n[1] + w.n[2];
	/* Runs of zero words and of other words, each run headed by one word
	 * (zeros << 32 | literals): at worst one header word per word. */
	cap = 2 + 2 * total;
	if (!(out = malloc(cap * sizeof *out)))
		return NULL;
	out[at++] = (uint64_t)rep->nintervals << 32 | (uint32_t)rep->ndays;
	lit_at = at++;
	for (int p = 0; p < 3; p++)
		for (i = 0; i < w.n[p]; i++, k++) {
			uint64_t x;

			memcpy(&x, w.part[p] + i * sizeof x, sizeof x);
			/* The pointers are of no use elsewhere: sent as 0. */
			if (p == 0 && (i * sizeof x == offsetof(pc_rep, series) || i * sizeof x == offsetof(pc_rep, daily)))
				x = 0;
			if (x == 0 && lits == 0) {
				zeros++;
				continue;
			}
			if (x == 0) {
				/* A literal run ends: a new header. */
				out[lit_at] = (uint64_t)zeros << 32 | lits;
				zeros = 1;
				lits = 0;
				lit_at = at++;
				continue;
			}
			lits++;
			out[at++] = x;
		}
	out[lit_at] = (uint64_t)zeros << 32 | lits;
	*n = at * sizeof *out;
	return out;
}

int pc_cluster_rep_unpack(const void *buf, size_t n, pc_rep *rep)
{
	const unsigned char *b = buf;
	double *series = rep->series, *daily = rep->daily;
	size_t nw = n / sizeof(uint64_t), at = 0, k = 0, total;
	uint64_t head;
	unsigned char *dst[3]; /* written with memcpy: no aliasing */
	size_t dn[3];
	pc_rep in;

	if (n % sizeof(uint64_t) || nw < 1)
		return -1;
	memset(&in, 0, sizeof in);
	memcpy(&head, b, sizeof head);
	if ((int)(head >> 32) != rep->nintervals || (int)(uint32_t)head != rep->ndays)
		return -1;
	at = 1;
	dst[0] = (unsigned char *)&in;
	dn[0] = sizeof in / sizeof(uint64_t);
	dst[1] = (unsigned char *)series;
	dn[1] = rep_series_n(rep);
	dst[2] = (unsigned char *)daily;
	dn[2] = rep_daily_n(rep);
	total = dn[0] + dn[1] + dn[2];
	while (at < nw) {
		uint64_t h, x;
		uint32_t zeros, lits;

		memcpy(&h, b + at * sizeof h, sizeof h);
		at++;
		zeros = (uint32_t)(h >> 32);
		lits = (uint32_t)h;
		if (zeros > total - k || lits > total - k - zeros || lits > nw - at)
			return -1;
		for (uint32_t z = 0; z < zeros + lits; z++, k++) {
			int p = k < dn[0] ? 0 : k < dn[0] + dn[1] ? 1 : 2;
			size_t i = p == 0 ? k : p == 1 ? k - dn[0] : k - dn[0] - dn[1];

			if (z < zeros) {
				x = 0;
			} else {
				memcpy(&x, b + at * sizeof x, sizeof x);
				at++;
			}
			memcpy(dst[p] + i * sizeof x, &x, sizeof x);
		}
	}
	/* Trailing zeros are implied. */
	for (; k < total; k++) {
		int p = k < dn[0] ? 0 : k < dn[0] + dn[1] ? 1 : 2;
		size_t i = p == 0 ? k : p == 1 ? k - dn[0] : k - dn[0] - dn[1];

		memset(dst[p] + i * sizeof(uint64_t), 0, sizeof(uint64_t));
	}
	if (in.nintervals != rep->nintervals || in.ndays != rep->ndays)
		return -1;
	*rep = in;
	rep->series = series;
	rep->daily = daily;
	return 0;
}

#ifndef PC_MPI

int pc_cluster_built(void)
{
	return 0;
}

int pc_cluster_new(int *argc, char ***argv, pc_cluster **out, pc_error *err)
{
	(void)argc;
	(void)argv;
	if (!(*out = calloc(1, sizeof **out))) {
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	(*out)->size = 1;
	return 0;
}

int pc_cluster_serve(pc_cluster *cl, atomic_int *signal, pc_error *err)
{
	(void)cl;
	(void)signal;
	(void)err;
	return 0;
}

void pc_cluster_free(pc_cluster *cl, int abandon)
{
	(void)abandon;
	free(cl);
}

int pc_cluster_dispatch(pc_cluster *cl, pc_cluster_job *job, pc_error *err)
{
	(void)cl;
	(void)job;
	pc_error_set(err, NULL, 0, "promocap was built without MPI (make MPI=1)");
	return PC_ERUN;
}

#else /* PC_MPI */

#include <errno.h>
#include <mpi.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

/* Message tags.  Rank 0 to the others: a command (begin an experiment,
 * quit), a unit of work, stop starting replications, the experiment is
 * over.  The others to rank 0: ready with so many threads, a replication's
 * figures (or its failure, or a unit cut short), stopped by a signal. */
enum {
	TAG_CMD = 1,
	TAG_TASK,
	TAG_STOP,
	TAG_END,
	TAG_HELLO,
	TAG_RESULT,
	TAG_SIGNAL
};

enum { CMD_BEGIN = 1, CMD_QUIT };

/* What a TAG_RESULT message carries after its header. */
enum {
	RES_MORE = 1, /* a replication; its unit goes on */
	RES_LAST,     /* a replication; the last of its unit */
	RES_FAILED,   /* a replication failed (a pc_error follows); its unit is over */
	RES_CUT       /* nothing: the unit was cut short by a stop */
};

/* The header of a TAG_RESULT message. */
typedef struct msg_result {
	int32_t point, rep, kind, rc;
} msg_result;

/* A TAG_HELLO message: a rank's threads and where it runs, for messages. */
typedef struct msg_hello {
	int32_t threads;
	int32_t pid;
	char host[MPI_MAX_PROCESSOR_NAME];
} msg_hello;

/* How long a rank waits between two looks for messages: short against a
 * replication (0.1 s to minutes), long enough not to hold a core. */
static void nap(void)
{
	struct timespec ts = { 0, 500000 };

	nanosleep(&ts, NULL);
}

static int mpi_failed(int rc, const char *what, pc_error *err)
{
	char text[MPI_MAX_ERROR_STRING];
	int len = 0;

	if (rc == MPI_SUCCESS)
		return 0;
	MPI_Error_string(rc, text, &len);
	pc_error_set(err, NULL, 0, "MPI %s failed: %s", what, text);
	return PC_ERUN;
}

int pc_cluster_built(void)
{
	return 1;
}

int pc_cluster_new(int *argc, char ***argv, pc_cluster **out, pc_error *err)
{
	pc_cluster *cl = calloc(1, sizeof *cl);
	int provided = 0;

	*out = NULL;
	if (!cl) {
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	cl->size = 1;
	/* Started by mpirun (or another PMIx launcher)?  Otherwise this is a
	 * plain run of one process and MPI stays out of it. */
	if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMIX_RANK") && !getenv("PMI_RANK")) {
		*out = cl;
		return 0;
	}
	/* Only the thread that calls pc_experiment_run talks to MPI. */
	if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
		free(cl);
		pc_error_set(err, NULL, 0, "MPI_Init_thread failed");
		return PC_ERUN;
	}
	cl->mpi = 1;
	MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
	MPI_Comm_rank(MPI_COMM_WORLD, &cl->rank);
	MPI_Comm_size(MPI_COMM_WORLD, &cl->size);
	if (provided < MPI_THREAD_FUNNELED) {
		MPI_Finalize();
		free(cl);
		pc_error_set(err, NULL, 0, "the MPI library gives no thread support (MPI_THREAD_FUNNELED)");
		return PC_ERUN;
	}
	*out = cl;
	return 0;
}

void pc_cluster_free(pc_cluster *cl, int abandon)
{
	if (!cl)
		return;
	if (cl->mpi && !abandon) {
		if (cl->rank == 0) {
			int32_t cmd = CMD_QUIT;

			for (int w = 1; w < cl->size; w++)
				MPI_Send(&cmd, 1, MPI_INT32_T, w, TAG_CMD, MPI_COMM_WORLD);
		}
		MPI_Finalize();
	}
	free(cl);
}

/* ---- the points, as broadcast -------------------------------------------- */

/* One experiment's points on a rank. */
typedef struct points {
	int n;
	int threads;
	pc_scenario *sc; /* [n] */
	uint64_t *seed;  /* [n] */
	int *reps;       /* [n] */
	int *first;      /* [n] */
} points;

static void points_release(points *pts, int loaded)
{
	for (int p = 0; p < loaded; p++)
		pc_scenario_release(&pts->sc[p]);
	free(pts->sc);
	free(pts->seed);
	free(pts->reps);
	free(pts->first);
	memset(pts, 0, sizeof *pts);
}

/* Broadcasts n bytes from rank 0 in pieces an int can count. */
static int bcast_bytes(void *buf, uint64_t n)
{
	const uint64_t piece = (uint64_t)1 << 30;
	int rc = MPI_SUCCESS;

	for (uint64_t at = 0; at < n && rc == MPI_SUCCESS; at += piece)
		rc = MPI_Bcast((char *)buf + at, (int)(n - at < piece ? n - at : piece), MPI_BYTE, 0,
			       MPI_COMM_WORLD);
	return rc;
}

/* Appends n bytes to a malloc'd buffer. */
static int grow_put(unsigned char **buf, uint64_t *len, uint64_t *cap, const void *data, uint64_t n)
{
	if (*len + n > *cap) {
		uint64_t c = *cap ? *cap : 65536;
		unsigned char *q;

		while (c < *len + n)
			c *= 2;
		if (!(q = realloc(*buf, c)))
			return -1;
		*buf = q;
		*cap = c;
	}
	memcpy(*buf + *len, data, n);
	*len += n;
	return 0;
}

/* Rank 0: the points of xp as bytes: count and threads, then per point its
 * seed, replications, first replication and packed scenario. */
static int points_pack(const pc_cluster_job *xp, int threads, unsigned char **out, uint64_t *len)
{
	unsigned char *buf = NULL;
	uint64_t n = 0, cap = 0;
	int32_t head[2] = { xp->npoints, threads };
	int rc = 0;

	rc = grow_put(&buf, &n, &cap, head, sizeof head);
	for (int p = 0; p < xp->npoints && !rc; p++) {
		uint64_t seed = xp->seed[p], size;
		int32_t rf[2] = { xp->reps[p], xp->first ? xp->first[p] : 0 };
		void *sc;
		size_t scn;

		if (pc_scenario_pack(xp->sc[p], &sc, &scn)) {
			rc = -1;
			break;
		}
		size = scn;
		rc = grow_put(&buf, &n, &cap, &seed, sizeof seed) || grow_put(&buf, &n, &cap, rf, sizeof rf) ||
		     grow_put(&buf, &n, &cap, &size, sizeof size) || grow_put(&buf, &n, &cap, sc, scn);
		free(sc);
	}
	if (rc) {
		free(buf);
		return PC_ENOMEM;
	}
	*out = buf;
	*len = n;
	return 0;
}

/* The other ranks: the points from their bytes. */
static int points_unpack(points *pts, const unsigned char *buf, uint64_t len, pc_error *err)
{
	uint64_t at = 0;
	int32_t head[2];
	int p = 0;

	memset(pts, 0, sizeof *pts);
	if (len < sizeof head)
		goto bad;
	memcpy(head, buf, sizeof head);
	at = sizeof head;
	if (head[0] < 1)
		goto bad;
	pts->n = head[0];
	pts->threads = head[1];
	pts->sc = calloc((size_t)pts->n, sizeof *pts->sc);
	pts->seed = calloc((size_t)pts->n, sizeof *pts->seed);
	pts->reps = calloc((size_t)pts->n, sizeof *pts->reps);
	pts->first = calloc((size_t)pts->n, sizeof *pts->first);
	if (!pts->sc || !pts->seed || !pts->reps || !pts->first) {
		points_release(pts, 0);
		pc_error_set(err, NULL, 0, "out of memory for %d points", head[0]);
		return PC_ENOMEM;
	}
	for (; p < pts->n; p++) {
		int32_t rf[2];
		uint64_t size;

		if (len - at < sizeof pts->seed[p] + sizeof rf + sizeof size)
			goto bad;
		memcpy(&pts->seed[p], buf + at, sizeof pts->seed[p]);
		at += sizeof pts->seed[p];
		memcpy(rf, buf + at, sizeof rf);
		at += sizeof rf;
		memcpy(&size, buf + at, sizeof size);
		at += sizeof size;
		pts->reps[p] = rf[0];
		pts->first[p] = rf[1];
		if (size > len - at || pc_scenario_unpack(&pts->sc[p], buf + at, (size_t)size))
			goto bad;
		at += size;
	}
	return 0;
bad:
	points_release(pts, p);
	pc_error_set(err, NULL, 0, "the experiment's points arrived damaged (is every rank the same binary?)");
	return PC_ERUN;
}

/* A TAG_RESULT message: the header, then the replication (pc_cluster_rep_pack)
 * or the error. */
static void *result_pack(const msg_result *h, const pc_rep *rep, const pc_error *err, size_t *n)
{
	size_t size = sizeof *h, body = 0;
	unsigned char *buf, *packed = NULL;

	if (rep) {
		if (!(packed = pc_cluster_rep_pack(rep, &body)))
			return NULL;
	} else if (err) {
		body = sizeof *err;
	}
	size += body;
	if (!(buf = malloc(size))) {
		free(packed);
		return NULL;
	}
	memcpy(buf, h, sizeof *h);
	if (rep)
		memcpy(buf + sizeof *h, packed, body);
	else if (err)
		memcpy(buf + sizeof *h, err, sizeof *err);
	free(packed);
	*n = size;
	return buf;
}

/* Copies the replication in buf (after the header) into rep, initialised
 * for the same scenario.  Returns 0, or -1 when it does not fit. */
static int result_unpack(const unsigned char *buf, size_t n, pc_rep *rep)
{
	if (n < sizeof(msg_result))
		return -1;
	return pc_cluster_rep_unpack(buf + sizeof(msg_result), n - sizeof(msg_result), rep);
}

/* ---- the other ranks ------------------------------------------------------ */

typedef struct unit {
	int p, r, n;
} unit;

/* A message waiting for the rank's main thread to send it. */
typedef struct outbox_msg {
	struct outbox_msg *next;
	void *buf;
	size_t n;
} outbox_msg;

/* One experiment on a rank other than 0. */
typedef struct session {
	points pts;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	unit *queue;   /* units not started, a ring of cap */
	int head, count, cap;
	int end;       /* rank 0 said the experiment is over */
	atomic_int stop;
	outbox_msg *out, *out_last;
	int oom;       /* a message could not be made */
} session;

static void session_post(session *s, msg_result h, const pc_rep *rep, const pc_error *err)
{
	outbox_msg *m = calloc(1, sizeof *m);

	if (m && !(m->buf = result_pack(&h, rep, err, &m->n))) {
		free(m);
		m = NULL;
	}
	pthread_mutex_lock(&s->lock);
	if (!m) {
		s->oom = 1;
	} else {
		if (s->out_last)
			s->out_last->next = m;
		else
			s->out = m;
		s->out_last = m;
	}
	pthread_mutex_unlock(&s->lock);
}

/* A worker thread: runs the units of the queue, each on this thread's
 * simulator of its point, and posts each replication as it ends. */
static void *session_worker(void *arg)
{
	session *s = arg;
	pc_sim **sim = calloc((size_t)s->pts.n, sizeof *sim);
	int last = -1;

	for (;;) {
		unit u;
		int i = 0, failed = 0;

		pthread_mutex_lock(&s->lock);
		while (!s->count && !s->end)
			pthread_cond_wait(&s->wake, &s->lock);
		if (!s->count) {
			pthread_mutex_unlock(&s->lock);
			break;
		}
		u = s->queue[s->head];
		s->head = (s->head + 1) % s->cap;
		s->count--;
		pthread_mutex_unlock(&s->lock);

		/* A unit handed out starts (as a task a local thread takes);
		 * a stop ends it between two replications. */
		for (; i < u.n && (i == 0 || !atomic_load(&s->stop)) && !failed; i++) {
			msg_result h = { u.p, u.r + i, i == u.n - 1 ? RES_LAST : RES_MORE, 0 };
			pc_error err;
			pc_rep rep;
			int rc;

			pc_error_clear(&err);
			memset(&rep, 0, sizeof rep);
			if (!sim) {
				rc = PC_ENOMEM;
			} else if ((rc = pc_rep_init(&rep, &s->pts.sc[u.p])) == 0 && !sim[u.p]) {
				if (last >= 0 && last != u.p) {
					pc_sim_free(sim[last]);
					sim[last] = NULL;
				}
				if (!(sim[u.p] = pc_sim_new(&s->pts.sc[u.p], &err)))
					rc = PC_ENOMEM;
			}
			if (!rc) {
				last = u.p;
				rc = pc_sim_run(sim[u.p], s->pts.seed[u.p], s->pts.first[u.p] + u.r + i, &rep,
						&err);
			}
			if (rc) {
				h.kind = RES_FAILED;
				h.rc = rc;
				if (!err.msg[0])
					pc_error_set(&err, NULL, 0, "out of memory for the replication");
				session_post(s, h, NULL, &err);
				pc_rep_release(&rep);
				failed = 1;
				break;
			}
			session_post(s, h, &rep, NULL);
			pc_rep_release(&rep);
		}
		if (i < u.n && !failed) {
			/* Cut short by a stop: the unit is over. */
			msg_result h = { u.p, u.r + i, RES_CUT, 0 };

			session_post(s, h, NULL, NULL);
		}
	}
	if (sim)
		for (int p = 0; p < s->pts.n; p++)
			pc_sim_free(sim[p]);
	free(sim);
	return NULL;
}

/* Reports a signal this rank was sent, once. */
static int report_signal(atomic_int *signal, int *reported, pc_error *err)
{
	int32_t sig;

	if (!signal || *reported || !(sig = atomic_load(signal)))
		return 0;
	*reported = 1;
	return mpi_failed(MPI_Send(&sig, 1, MPI_INT32_T, 0, TAG_SIGNAL, MPI_COMM_WORLD), "send", err);
}

/* Sends what the worker threads posted. */
static int session_flush(session *s, pc_error *err)
{
	outbox_msg *m;
	int rc = 0, sent = 0;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		m = s->out;
		if (m) {
			s->out = m->next;
			if (!s->out)
				s->out_last = NULL;
		}
		pthread_mutex_unlock(&s->lock);
		if (!m)
			break;
		if (!rc)
			rc = mpi_failed(MPI_Send(m->buf, (int)m->n, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD),
					"send", err);
		free(m->buf);
		free(m);
		sent = 1;
	}
	return rc ? rc : sent;
}

/* Runs one experiment rank 0 began: receives its points, starts the
 * threads, says hello, then serves units until rank 0 says it is over. */
static int session_run(atomic_int *signal, int *reported, pc_error *err)
{
	uint64_t len = 0;
	unsigned char *buf;
	session s;
	pthread_t tid[256];
	msg_hello hello;
	int threads, started = 0, rc, namelen = 0;

	memset(&s, 0, sizeof s);
	if ((rc = mpi_failed(MPI_Bcast(&len, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "broadcast", err)))
		return rc;
	if (!(buf = malloc(len ? len : 1))) {
		pc_error_set(err, NULL, 0, "out of memory for the experiment's points");
		return PC_ENOMEM;
	}
	rc = mpi_failed(bcast_bytes(buf, len), "broadcast", err);
	if (!rc)
		rc = points_unpack(&s.pts, buf, len, err);
	free(buf);
	if (rc)
		return rc;
	threads = pc_cluster_threads(s.pts.threads, PC_CLUSTER_MAX_THREADS);
	s.cap = threads;
	s.queue = calloc((size_t)s.cap, sizeof *s.queue);
	if (!s.queue) {
		points_release(&s.pts, s.pts.n);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	atomic_init(&s.stop, 0);
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.wake, NULL);
	for (; started < threads; started++)
		if (pthread_create(&tid[started], NULL, session_worker, &s))
			break;
	memset(&hello, 0, sizeof hello);
	hello.threads = started;
	hello.pid = (int32_t)getpid();
	MPI_Get_processor_name(hello.host, &namelen);
	rc = mpi_failed(MPI_Send(&hello, (int)sizeof hello, MPI_BYTE, 0, TAG_HELLO, MPI_COMM_WORLD), "send", err);
	while (!rc) {
		MPI_Status st;
		int flag = 0, busy;

		if ((busy = session_flush(&s, err)) < 0) {
			rc = busy;
			break;
		}
		if ((rc = report_signal(signal, reported, err)))
			break;
		if ((rc = mpi_failed(MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st), "probe", err)))
			break;
		if (!flag) {
			if (!busy)
				nap();
			continue;
		}
		if (st.MPI_TAG == TAG_TASK) {
			int32_t u[3];

			if ((rc = mpi_failed(MPI_Recv(u, 3, MPI_INT32_T, 0, TAG_TASK, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
					     "receive", err)))
				break;
			pthread_mutex_lock(&s.lock);
			if (s.count < s.cap) {
				s.queue[(s.head + s.count) % s.cap] = (unit){ u[0], u[1], u[2] };
				s.count++;
			}
			pthread_cond_signal(&s.wake);
			pthread_mutex_unlock(&s.lock);
		} else if (st.MPI_TAG == TAG_STOP || st.MPI_TAG == TAG_END) {
			int tag = st.MPI_TAG;

			if ((rc = mpi_failed(MPI_Recv(NULL, 0, MPI_BYTE, 0, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
					     "receive", err)))
				break;
			atomic_store(&s.stop, 1);
			if (tag == TAG_END)
				break;
		} else {
			pc_error_set(err, NULL, 0, "unexpected message (tag %d) from rank 0", st.MPI_TAG);
			rc = PC_ERUN;
		}
	}
	pthread_mutex_lock(&s.lock);
	s.end = 1;
	s.count = 0;
	atomic_store(&s.stop, 1);
	pthread_cond_broadcast(&s.wake);
	pthread_mutex_unlock(&s.lock);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	/* Rank 0 ends an experiment once every unit came back, so nothing is
	 * left to send unless it failed. */
	while (s.out) {
		outbox_msg *m = s.out;

		s.out = m->next;
		free(m->buf);
		free(m);
	}
	if (!rc && s.oom) {
		pc_error_set(err, NULL, 0, "out of memory for a replication's message");
		rc = PC_ENOMEM;
	}
	pthread_cond_destroy(&s.wake);
	pthread_mutex_destroy(&s.lock);
	free(s.queue);
	points_release(&s.pts, s.pts.n);
	return rc;
}

int pc_cluster_serve(pc_cluster *cl, atomic_int *signal, pc_error *err)
{
	int reported = 0;

	if (!cl || !cl->mpi || cl->rank == 0)
		return 0;
	for (;;) {
		MPI_Status st;
		int32_t cmd;
		int flag = 0, rc;

		if ((rc = report_signal(signal, &reported, err)))
			return rc;
		if ((rc = mpi_failed(MPI_Iprobe(0, TAG_CMD, MPI_COMM_WORLD, &flag, &st), "probe", err)))
			return rc;
		if (!flag) {
			nap();
			continue;
		}
		if ((rc = mpi_failed(MPI_Recv(&cmd, 1, MPI_INT32_T, 0, TAG_CMD, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
				     "receive", err)))
			return rc;
		if (cmd == CMD_QUIT)
			return 0;
		if (cmd == CMD_BEGIN && (rc = session_run(signal, &reported, err)))
			return rc;
	}
}

/* ---- rank 0 ---------------------------------------------------------------- */

/* A unit out on a rank, and how far it has come back. */
typedef struct out_unit {
	int p, r, n;
	int got;
} out_unit;

/* What rank 0 knows of another rank during an experiment. */
typedef struct peer {
	int hello;      /* said hello: threads below are known */
	int threads;
	int pid;
	int watch;      /* on rank 0's host and alive at its hello: rank 0
			 * watches for its process's end */
	char host[MPI_MAX_PROCESSOR_NAME];
	out_unit *unit; /* [threads] */
	int nunits;
} peer;

typedef struct dispatch {
	pc_cluster *cl;
	const pc_cluster_job *job;
	peer *peer;      /* [size]; peer[0] unused */
	char host[MPI_MAX_PROCESSOR_NAME]; /* rank 0's */
	int hellos;
	int exhausted;   /* job->next said none: it stays so */
	int outstanding; /* units out on the ranks */
} dispatch;

/* The task (p, r) in words, for messages. */
static void task_text(const dispatch *d, int p, int r, char *buf, size_t n)
{
	const pc_cluster_job *xp = d->job;
	int first = xp->first ? xp->first[p] : 0;

	if (xp->npoints > 1)
		snprintf(buf, n, "%s point %d of %d, replication %d", xp->sc[p]->file, p + 1, xp->npoints,
			 first + r + 1);
	else
		snprintf(buf, n, "%s replication %d", xp->sc[p]->file, first + r + 1);
}

/* The tasks in progress on rank w ("none" when it had none), for messages. */
static void rank_tasks(const dispatch *d, int w, char *buf, size_t n)
{
	const peer *pr = &d->peer[w];
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < pr->nunits && at + 1 < n; i++) {
		char one[1200];

		task_text(d, pr->unit[i].p, pr->unit[i].r + pr->unit[i].got, one, sizeof one);
		snprintf(buf + at, n - at, "%s%s", i ? "; " : "", one);
		at = strlen(buf);
	}
	if (!buf[0])
		snprintf(buf, n, "no task");
}

/* Hands rank w its next unit, if any is left. */
static int give(dispatch *d, int w, pc_error *err)
{
	peer *pr = &d->peer[w];
	int32_t u[3];
	int p, r, n;

	if (d->exhausted || pr->nunits >= pr->threads)
		return 0;
	if (!d->job->next(d->job->user, &p, &r, &n)) {
		d->exhausted = 1;
		return 0;
	}
	u[0] = p;
	u[1] = r;
	u[2] = n;
	pr->unit[pr->nunits++] = (out_unit){ p, r, n, 0 };
	d->outstanding++;
	return mpi_failed(MPI_Send(u, 3, MPI_INT32_T, w, TAG_TASK, MPI_COMM_WORLD), "send", err);
}

/* The unit of rank w that replication r of point p belongs to, or -1. */
static int unit_of(const peer *pr, int p, int r)
{
	for (int i = 0; i < pr->nunits; i++)
		if (pr->unit[i].p == p && r >= pr->unit[i].r && r < pr->unit[i].r + pr->unit[i].n)
			return i;
	return -1;
}

static void unit_drop(dispatch *d, peer *pr, int i)
{
	pr->unit[i] = pr->unit[--pr->nunits];
	d->outstanding--;
}

static int process_ended(int pid);

static int on_hello(dispatch *d, int w, pc_error *err)
{
	peer *pr = &d->peer[w];
	msg_hello h;
	int rc;

	if ((rc = mpi_failed(MPI_Recv(&h, (int)sizeof h, MPI_BYTE, w, TAG_HELLO, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
			     "receive", err)))
		return rc;
	h.host[sizeof h.host - 1] = '\0';
	pr->threads = h.threads > 0 ? h.threads : 1;
	pr->pid = h.pid;
	snprintf(pr->host, sizeof pr->host, "%s", h.host);
	pr->watch = pr->pid > 0 && !strcmp(pr->host, d->host) && !process_ended(pr->pid);
	if (!(pr->unit = calloc((size_t)pr->threads, sizeof *pr->unit))) {
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	pr->hello = 1;
	d->hellos++;
	for (int t = 0; t < pr->threads && !rc; t++)
		rc = give(d, w, err);
	return rc;
}

static int on_result(dispatch *d, int w, int bytes, pc_error *err)
{
	const pc_cluster_job *job = d->job;
	peer *pr = &d->peer[w];
	unsigned char *buf = malloc(bytes > 0 ? (size_t)bytes : 1);
	msg_result h;
	int rc, i;

	if (!buf) {
		pc_error_set(err, NULL, 0, "out of memory for a replication from rank %d", w);
		return PC_ENOMEM;
	}
	if ((rc = mpi_failed(MPI_Recv(buf, bytes, MPI_BYTE, w, TAG_RESULT, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
			     "receive", err))) {
		free(buf);
		return rc;
	}
	if ((size_t)bytes < sizeof h) {
		free(buf);
		pc_error_set(err, NULL, 0, "rank %d sent a short message", w);
		return PC_ERUN;
	}
	memcpy(&h, buf, sizeof h);
	i = unit_of(pr, h.point, h.rep);
	if (i < 0) {
		free(buf);
		pc_error_set(err, NULL, 0, "rank %d sent replication %d of point %d, which it was not given", w,
			     h.rep + 1, h.point + 1);
		return PC_ERUN;
	}
	if (h.kind == RES_MORE || h.kind == RES_LAST) {
		pc_rep *slot = job->slot(job->user, h.point, h.rep);

		if (!slot) {
			pc_error e;

			pc_error_clear(&e);
			job->failed(job->user, h.point, h.rep, PC_ENOMEM, &e);
		} else if (result_unpack(buf, (size_t)bytes, slot)) {
			pc_error e;

			pc_error_clear(&e);
			pc_error_set(&e, NULL, 0, "rank %d sent figures that do not fit the scenario (is every rank "
				     "the same binary?)", w);
			job->failed(job->user, h.point, h.rep, PC_ERUN, &e);
		} else {
			job->done(job->user, h.point, h.rep);
		}
		pr->unit[i].got++;
	} else if (h.kind == RES_FAILED) {
		pc_error e;

		pc_error_clear(&e);
		if ((size_t)bytes >= sizeof h + sizeof e)
			memcpy(&e, buf + sizeof h, sizeof e);
		e.file[sizeof e.file - 1] = '\0';
		e.msg[sizeof e.msg - 1] = '\0';
		job->failed(job->user, h.point, h.rep, h.rc ? h.rc : PC_ERUN, &e);
	}
	free(buf);
	if (h.kind != RES_MORE) {
		unit_drop(d, pr, i);
		rc = give(d, w, err);
	}
	return rc;
}

static int on_signal(dispatch *d, int w, pc_error *err)
{
	int32_t sig = 0;
	char tasks[3000];
	int rc;

	if ((rc = mpi_failed(MPI_Recv(&sig, 1, MPI_INT32_T, w, TAG_SIGNAL, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
			     "receive", err)))
		return rc;
	rank_tasks(d, w, tasks, sizeof tasks);
	if (d->peer[w].hello)
		pc_error_set(err, NULL, 0, "rank %d (pid %d on %s) was stopped by signal %d (%s) while running %s", w,
			     d->peer[w].pid, d->peer[w].host, sig, strsignal(sig), tasks);
	else
		pc_error_set(err, NULL, 0, "rank %d was stopped by signal %d (%s)", w, sig, strsignal(sig));
	return PC_ERUN;
}

/* Whether process pid has ended: it no longer exists (its parent reaped
 * it), or it is a zombie its parent has not reaped yet (Linux's
 * /proc/PID/stat gives its state after the command's closing bracket). */
static int process_ended(int pid)
{
	char path[64], line[512], *end;
	FILE *f;
	size_t n;

	if (kill((pid_t)pid, 0) != 0)
		return errno == ESRCH;
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	end = strrchr(line, ')');
	return end && end[1] == ' ' && (end[2] == 'Z' || end[2] == 'X');
}

/* Whether rank w is known to be gone: on this host (where rank 0 watches
 * it), its process has ended; elsewhere it cannot be told. */
static int rank_gone(const dispatch *d, int w)
{
	return d->peer[w].watch && process_ended(d->peer[w].pid);
}

/* Whether a rank on this host has died, looked at every tenth of a second
 * (*next: the monotonic clock's seconds of the next look): rank 0 then
 * ends the job itself, at once, rather than wait for the runtime's
 * SIGTERM, which comes a second or two later, and after which what rank 0
 * writes may no longer reach the terminal. */
static int local_death(const dispatch *d, double *next)
{
	struct timespec ts;
	double now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + ts.tv_nsec * 1e-9;
	if (now < *next)
		return 0;
	*next = now + 0.1;
	for (int w = 1; w < d->cl->size; w++)
		if (rank_gone(d, w))
			return 1;
	return 0;
}

/* The runtime is tearing the job down: the ranks that died on this host
 * and the tasks each rank was running. */
static void torn_down(const dispatch *d, pc_error *err)
{
	char dead[4000], all[4000], one[3000];
	size_t at = 0, dat = 0;

	all[0] = dead[0] = '\0';
	for (int w = 1; w < d->cl->size && at + 1 < sizeof all && dat + 1 < sizeof dead; w++) {
		if (rank_gone(d, w)) {
			rank_tasks(d, w, one, sizeof one);
			snprintf(dead + dat, sizeof dead - dat, "%srank %d (pid %d on %s) died while running %s",
				 dat ? "; " : "", w, d->peer[w].pid, d->peer[w].host, one);
			dat = strlen(dead);
			continue;
		}
		if (!d->peer[w].nunits)
			continue;
		rank_tasks(d, w, one, sizeof one);
		snprintf(all + at, sizeof all - at, "%srank %d (pid %d on %s): %s", at ? "; " : "", w,
			 d->peer[w].pid, d->peer[w].host, one);
		at = strlen(all);
	}
	if (dead[0])
		pc_error_set(err, NULL, 0, "%s; the MPI runtime is ending the job%s%s", dead,
			     all[0] ? "; in progress elsewhere: " : "", all);
	else
		pc_error_set(err, NULL, 0, "the MPI runtime is ending the job (a rank died, or mpirun was stopped)%s%s",
			     all[0] ? "; in progress: " : "", all);
}

int pc_cluster_dispatch(pc_cluster *cl, pc_cluster_job *job, pc_error *err)
{
	dispatch d;
	unsigned char *buf = NULL;
	uint64_t len = 0;
	int32_t cmd = CMD_BEGIN;
	int rc = 0, fatal = 0, stop_sent = 0;
	pc_error fatal_err;
	double next_look = 0;
	int hostlen = 0;

	if (!cl || !cl->mpi || cl->size < 2 || cl->rank != 0) {
		pc_error_set(err, NULL, 0, "no other rank to share the experiment with");
		return PC_ERUN;
	}
	memset(&d, 0, sizeof d);
	d.cl = cl;
	d.job = job;
	MPI_Get_processor_name(d.host, &hostlen);
	pc_error_clear(&fatal_err);
	if (!(d.peer = calloc((size_t)cl->size, sizeof *d.peer)) ||
	    points_pack(job, job->threads, &buf, &len)) {
		free(d.peer);
		pc_error_set(err, NULL, 0, "out of memory for the experiment's points");
		return PC_ENOMEM;
	}
	for (int w = 1; w < cl->size && !rc; w++)
		rc = mpi_failed(MPI_Send(&cmd, 1, MPI_INT32_T, w, TAG_CMD, MPI_COMM_WORLD), "send", err);
	if (!rc)
		rc = mpi_failed(MPI_Bcast(&len, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "broadcast", err);
	if (!rc)
		rc = mpi_failed(bcast_bytes(buf, len), "broadcast", err);
	free(buf);
	while (!rc) {
		MPI_Status st;
		int flag = 0, bytes = 0, stopping = job->stopping(job->user);

		if (stopping == PC_CLUSTER_TORN_DOWN || local_death(&d, &next_look)) {
			torn_down(&d, err);
			job->abort(job->user);
			job->torn = 1;
			rc = PC_ERUN;
			break;
		}
		if ((stopping || fatal) && !stop_sent) {
			/* Units cut short: each rank ends the replication it runs. */
			for (int w = 1; w < cl->size && !rc; w++)
				rc = mpi_failed(MPI_Send(NULL, 0, MPI_BYTE, w, TAG_STOP, MPI_COMM_WORLD), "send", err);
			stop_sent = 1;
			d.exhausted = 1;
		}
		if (d.hellos == cl->size - 1 && d.outstanding == 0) {
			/* Every rank said hello and has nothing out: when nothing
			 * is left to hand out, the experiment is over; otherwise
			 * (every rank's units came back at once) rank 1 takes
			 * the next. */
			if (d.exhausted)
				break;
			rc = give(&d, 1, err);
			continue;
		}
		if ((rc = mpi_failed(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st), "probe", err)))
			break;
		if (!flag) {
			nap();
			continue;
		}
		if (st.MPI_SOURCE < 1 || st.MPI_SOURCE >= cl->size) {
			pc_error_set(err, NULL, 0, "message from unknown rank %d", st.MPI_SOURCE);
			rc = PC_ERUN;
			break;
		}
		switch (st.MPI_TAG) {
		case TAG_HELLO:
			rc = on_hello(&d, st.MPI_SOURCE, err);
			break;
		case TAG_RESULT:
			MPI_Get_count(&st, MPI_BYTE, &bytes);
			rc = on_result(&d, st.MPI_SOURCE, bytes, err);
			break;
		case TAG_SIGNAL:
			if (!fatal) {
				rc = on_signal(&d, st.MPI_SOURCE, &fatal_err);
				fatal = 1;
				job->abort(job->user);
				rc = 0;
			} else {
				int32_t sig;

				rc = mpi_failed(MPI_Recv(&sig, 1, MPI_INT32_T, st.MPI_SOURCE, TAG_SIGNAL, MPI_COMM_WORLD,
							 MPI_STATUS_IGNORE), "receive", err);
			}
			break;
		default:
			pc_error_set(err, NULL, 0, "unexpected message (tag %d) from rank %d", st.MPI_TAG, st.MPI_SOURCE);
			rc = PC_ERUN;
		}
	}
	if (rc != PC_ERUN || !fatal) {
		/* Over (or failed on this side): every rank leaves the
		 * experiment. */
		for (int w = 1; w < cl->size; w++)
			MPI_Send(NULL, 0, MPI_BYTE, w, TAG_END, MPI_COMM_WORLD);
	}
	for (int w = 1; w < cl->size; w++)
		free(d.peer[w].unit);
	free(d.peer);
	if (!rc && fatal) {
		*err = fatal_err;
		rc = PC_ERUN;
	}
	if (rc)
		job->abort(job->user);
	return rc;
}

#endif /* PC_MPI */
