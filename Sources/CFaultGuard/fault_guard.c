#include "fault_guard.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char memory_message[1024];
static char internal_message[1024];
static size_t memory_length;
static size_t internal_length;

static void copy_message(char *to, size_t *length, const char *from) {
    size_t n = from ? strlen(from) : 0;
    if (n > 1023) n = 1023;
    if (n) memcpy(to, from, n);
    to[n] = 0;
    *length = n;
}

static void write_all(const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(2, bytes, length);
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}

static void on_fault(int signal_number) {
    if (signal_number == SIGSEGV || signal_number == SIGBUS || signal_number == SIGABRT) {
        write_all(memory_message, memory_length);
    } else {
        write_all(internal_message, internal_length);
    }
    _exit(1);
}

static void on_broken_pipe(int signal_number) {
    (void)signal_number;
    _exit(0);
}

void plp_fault_guard_install(const char *memory_fault, const char *internal_fault) {
    copy_message(memory_message, &memory_length, memory_fault);
    copy_message(internal_message, &internal_length, internal_fault);

    // An alternate stack, so that a stack overflow is reported too.
    static char *alternate = NULL;
    if (!alternate) {
        size_t size = 64 * 1024;
        alternate = malloc(size);
        if (alternate) {
            stack_t stack;
            stack.ss_sp = alternate;
            stack.ss_size = size;
            stack.ss_flags = 0;
            sigaltstack(&stack, NULL);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fault;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, NULL);
    sigaction(SIGBUS, &action, NULL);
    sigaction(SIGILL, &action, NULL);
    sigaction(SIGFPE, &action, NULL);
    sigaction(SIGTRAP, &action, NULL);
    sigaction(SIGABRT, &action, NULL);

    // The reader of standard output went away (`plp-ledger export | head -3`): the output is no longer wanted,
    // so the process ends quietly with status 0 instead of dying by SIGPIPE.
    struct sigaction pipe_action;
    memset(&pipe_action, 0, sizeof pipe_action);
    pipe_action.sa_handler = on_broken_pipe;
    sigemptyset(&pipe_action.sa_mask);
    sigaction(SIGPIPE, &pipe_action, NULL);
}
