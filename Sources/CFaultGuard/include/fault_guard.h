#ifndef PLP_FAULT_GUARD_H
#define PLP_FAULT_GUARD_H

/// Installs handlers for the signals a damaged file or a bug can raise (SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP) on an
/// alternate stack. Each writes one sentence to standard error and ends the process with exit status 1, instead
/// of dying by the signal with a backtrace and a register dump. Async-signal-safe: write(2) and _exit(2) only.
///
/// `memory_fault` is written for SIGSEGV, SIGBUS and SIGABRT (a mapped file cut short or damaged, which can also
/// corrupt the C heap), `internal_fault` for SIGILL, SIGFPE and SIGTRAP (a trap: a bug). Both strings are copied.
/// SIGPIPE is ignored: a write to a closed pipe fails with EPIPE, which the program handles (quietly, status 0, for
/// standard output; dropped for standard error).
void plp_fault_guard_install(const char *memory_fault, const char *internal_fault);

/// While `message` is not NULL, an interrupt (SIGINT, Ctrl-C) or a termination request (SIGTERM, SIGHUP) writes it to
/// standard error and ends the process with status 130 (143 for SIGTERM, 129 for SIGHUP), as a shell reports a
/// process ended by that signal; NULL restores the default (the signal ends the process silently). For long writes
/// that stay invisible until their last commit (an import), so that the operator is told nothing was written. The
/// string is copied.
void plp_fault_guard_set_interrupt_message(const char *message);

#endif
