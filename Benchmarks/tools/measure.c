/*
 * measure: run one command and report its wall time, CPU time and peak memory.
 *
 *     measure OUT_FILE ERR_FILE COMMAND [ARG...]
 *
 * Prints one line to its own standard output:
 *     <exit status> <wall seconds> <user+system CPU seconds> <peak RSS in KiB>
 * with the command's standard output and error sent to OUT_FILE and ERR_FILE.
 *
 * Why not time it from Python directly: Linux counts the memory of the process
 * *before* exec in ru_maxrss, so a child forked from a 20 MB Python interpreter
 * reports at least 20 MB whatever it runs. This launcher is small, so the
 * floor is about 1 MB (see the `/bin/true` line of the results).
 * Exit status 255 with a message on stderr when the command cannot be run.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: measure OUT_FILE ERR_FILE COMMAND [ARG...]\n");
        return 255;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[3], &fa, NULL, argv + 3, environ);
    if (rc != 0) {
        fprintf(stderr, "measure: cannot run %s\n", argv[3]);
        return 255;
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 255;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%d %.6f %.6f %ld\n", code, wall, cpu, ru.ru_maxrss);
    return 0;
}
