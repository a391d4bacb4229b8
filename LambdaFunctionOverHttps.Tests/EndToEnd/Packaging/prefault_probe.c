// A test double for the kernel's side of Hosts/Native/prefault.c, preloaded (LD_PRELOAD) into the
// bootstrap by PrefaultProbe.cs: it records every madvise, mlock and munlock the process makes, as
// offsets from the executable's load address, to the file named by PREFAULT_PROBE_LOG, and when
// PREFAULT_PROBE_FAIL_POPULATE is set it answers MADV_POPULATE_WRITE as a kernel before 5.14 does
// (EINVAL), so the fallback runs. Every call still reaches the real one otherwise.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    *(uintptr_t *)data = info->dlpi_addr;
    return 1;
}

static void record(const char *call, int advice, void *address, size_t length, int result)
{
    const char *path = getenv("PREFAULT_PROBE_LOG");
    if (path == NULL)
    {
        return;
    }
    uintptr_t base = 0;
    dl_iterate_phdr(first_object, &base);
    char line[160];
    int size = snprintf(line, sizeof line, "%s %d %#lx %#lx %d\n", call, advice,
                        (unsigned long)((uintptr_t)address - base), (unsigned long)length, result);
    int file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (file >= 0)
    {
        (void)!write(file, line, (size_t)size);
        close(file);
    }
}

int madvise(void *address, size_t length, int advice)
{
    int (*real)(void *, size_t, int) = (int (*)(void *, size_t, int))dlsym(RTLD_NEXT, "madvise");
    int result;
    if (advice == 23 && getenv("PREFAULT_PROBE_FAIL_POPULATE") != NULL) // MADV_POPULATE_WRITE
    {
        result = -1;
        errno = EINVAL;
    }
    else
    {
        result = real(address, length, advice);
    }
    int saved = errno;
    record("madvise", advice, address, length, result);
    errno = saved;
    return result;
}

int mlock(const void *address, size_t length)
{
    int (*real)(const void *, size_t) = (int (*)(const void *, size_t))dlsym(RTLD_NEXT, "mlock");
    int result = real(address, length);
    int saved = errno;
    record("mlock", 0, (void *)address, length, result);
    errno = saved;
    return result;
}

int munlock(const void *address, size_t length)
{
    int (*real)(const void *, size_t) = (int (*)(const void *, size_t))dlsym(RTLD_NEXT, "munlock");
    int result = real(address, length);
    int saved = errno;
    record("munlock", 0, (void *)address, length, result);
    errno = saved;
    return result;
}
