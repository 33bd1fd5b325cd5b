#include "fault_guard.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char memory_message[1024];
static char interrupt_message[1024];
static size_t interrupt_length;
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

    // A closed pipe (standard output's reader went away, as with `| head`, or a closed standard error) is an EPIPE
    // for the write that meets it, not the end of the process: the program ends quietly with status 0 only when it is
    // standard output, and a closed standard error never changes the exit status.
    signal(SIGPIPE, SIG_IGN);
}

static void on_interrupt(int signal_number) {
    write_all(interrupt_message, interrupt_length);
    _exit(128 + signal_number);
}

static const int interrupt_signals[3] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction saved_actions[3];
static int interrupt_installed = 0;

void plp_fault_guard_set_interrupt_message(const char *message) {
    if (!message) {
        if (!interrupt_installed) return;
        for (int i = 0; i < 3; i++) sigaction(interrupt_signals[i], &saved_actions[i], NULL);
        interrupt_installed = 0;
        return;
    }
    if (interrupt_installed) plp_fault_guard_set_interrupt_message(NULL);
    copy_message(interrupt_message, &interrupt_length, message);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_interrupt;
    sigset_t unblocked;
    sigemptyset(&unblocked);
    for (int i = 0; i < 3; i++) {
        sigaction(interrupt_signals[i], NULL, &saved_actions[i]);
        // A signal the process was started to ignore (nohup, a background job) stays ignored.
        if (saved_actions[i].sa_handler == SIG_IGN) continue;
        sigaction(interrupt_signals[i], &action, NULL);
        sigaddset(&unblocked, interrupt_signals[i]);
    }
    // A mask inherited from the parent (a thread of a test runner, a spawning library) would hold the signal back
    // until the import ends: it is let through.
    pthread_sigmask(SIG_UNBLOCK, &unblocked, NULL);
    interrupt_installed = 1;
}
