// Linked into the Native AOT bootstrap only (LambdaFunctionOverHttps.csproj, target
// PrefaultStartupMemory); the managed build never contains it.
//
// Before the .NET runtime starts, map in the executable's zero-filled start-up memory with one
// system call instead of one page fault per page. That memory is the tail of the writable segment
// past its file contents: .bss (the runtime's statics) and .hydrated, which the runtime's first act
// (StartupCodeHelpers.RehydrateData) fills from the image's compressed data, 2.6 MB of it.
// madvise(MADV_POPULATE_WRITE) needs Linux 5.14; on older kernels mlock does the same population
// (for a private writable mapping it write-faults every page in) and munlock releases the lock,
// in pieces no larger than RLIMIT_MEMLOCK allows. Whatever fails is left alone: the pages then
// fault in one at a time when first touched, as they would without this.
// What it measured, and why it was kept or dropped: docs/performance.md.
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 // <linux/mman.h> of 5.14; older headers lack it, the kernel answers EINVAL
#endif

struct range
{
    uintptr_t start;
    uintptr_t end;
};

// dl_iterate_phdr reports the executable first: its writable PT_LOAD segment's zero-filled tail.
static int find_zero_filled(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct range *found = data;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type == PT_LOAD && (segment->p_flags & PF_W) && segment->p_memsz > segment->p_filesz)
        {
            found->start = info->dlpi_addr + segment->p_vaddr + segment->p_filesz;
            found->end = info->dlpi_addr + segment->p_vaddr + segment->p_memsz;
        }
    }
    return 1;
}

static void populate_with_mlock(uintptr_t start, uintptr_t end, uintptr_t page)
{
    struct rlimit limit;
    uintptr_t piece = end - start;
    if (getrlimit(RLIMIT_MEMLOCK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < piece)
    {
        piece = limit.rlim_cur & ~(page - 1);
    }
    if (piece == 0)
    {
        return;
    }
    for (uintptr_t at = start; at < end; at += piece)
    {
        uintptr_t length = end - at < piece ? end - at : piece;
        if (mlock((void *)at, length) != 0)
        {
            return;
        }
        munlock((void *)at, length);
    }
}

__attribute__((constructor)) static void prefault_startup_memory(void)
{
    struct range zero_filled = {0, 0};
    dl_iterate_phdr(find_zero_filled, &zero_filled);
    if (zero_filled.end <= zero_filled.start)
    {
        return;
    }

    // The first page is partly file contents, already mapped in by the loader, which zeroed its tail.
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = zero_filled.start & ~(page - 1);
    uintptr_t end = (zero_filled.end + page - 1) & ~(page - 1);
    if (madvise((void *)start, end - start, MADV_POPULATE_WRITE) != 0)
    {
        populate_with_mlock(start, end, page);
    }
}
