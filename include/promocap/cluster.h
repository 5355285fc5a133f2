/* cluster: the ranks of an MPI job (Open MPI) that an experiment's tasks are
 * spread over: rank 0 runs the command, hands the tasks out one at a time
 * and reduces them; every other rank serves tasks and writes nothing. */
#ifndef PROMOCAP_CLUSTER_H
#define PROMOCAP_CLUSTER_H

#include <stdatomic.h>

#include "promocap/error.h"

typedef struct pc_cluster pc_cluster;

/* 1 when promocap was built against MPI (make MPI=1), else 0. */
int pc_cluster_built(void);

/* Joins the MPI job (MPI_Init_thread) and fills *out with this process's
 * place in it.  Without MPI, or outside mpirun with one process, *out is
 * a cluster of one rank: experiments run on this process's threads as
 * before.  Call it before any thread starts.  Returns 0, or PC_ERUN with
 * err filled (*out NULL). */
int pc_cluster_new(int *argc, char ***argv, pc_cluster **out, pc_error *err);

/* This process's rank (0 runs the command) and the number of ranks. */
int pc_cluster_rank(const pc_cluster *cl);
int pc_cluster_size(const pc_cluster *cl);

/* Ranks other than 0: serves the experiments rank 0 hands out until it
 * says quit.  signal (NULL, or set by a signal watcher to the number of a
 * signal this rank was sent) is reported to rank 0, which ends the job
 * with a message naming the tasks this rank was running.  Returns 0, or
 * PC_ERUN / PC_ENOMEM with err filled (then this rank left the job). */
int pc_cluster_serve(pc_cluster *cl, atomic_int *signal, pc_error *err);

/* Ends this process's part in the job and frees cl (NULL-safe): rank 0
 * tells the other ranks to quit first.  abandon: the MPI runtime is
 * tearing the job down (a rank died), leave at once without the
 * collective shutdown. */
void pc_cluster_free(pc_cluster *cl, int abandon);

/* The stop flag value (pc_exec.stop) that says the job is being torn
 * down by the MPI runtime: rank 0 abandons the experiment at once with
 * an error naming the tasks in progress on the other ranks. */
#define PC_CLUSTER_TORN_DOWN 2

#endif
