/*
 * powercut-shim.c — an LD_PRELOAD library for the power-loss test (test/integration/power-loss.test.ts).
 *
 * It records, for every file under $POWERCUT_DIR, what the disk is asked to do — open/create, write (with the
 * bytes and the offset), truncate, fsync/fdatasync (of files and of folders), rename, unlink — in one ordered log
 * ($POWERCUT_LOG). The test then rebuilds the folder as a disk would hold it if the power failed after any entry
 * of the log: what was synced is there, what was not synced may or may not be (each pending write and each
 * unsynced folder change independently), which is how page caches and disk write caches behave. SIGKILL cannot
 * show this: the kernel keeps the page cache of a killed process.
 *
 * Compiled at test time: gcc -shared -fPIC -O2 -o powercut.so powercut-shim.c -ldl -lpthread
 *
 * Log entries (little-endian): u8 kind, then
 *   'O' i32 fd, i32 flags, u8 created, u8 is_dir, u32 len, path      'W' i32 fd, i64 offset (-1 append), u32 len, bytes
 *   'S' i32 fd                                                        'T' i32 fd, i64 length
 *   'C' i32 fd                                                        'U' u32 len, path
 *   'R' u32 len, from, u32 len, to                                   'L' (a hard link) like 'R'
 *   'M' u32 len, path (a new folder)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FDS 65536

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = -1;
static char traced_dir[PATH_MAX];
static size_t traced_len = 0;
static int ready = 0;
static char *fd_paths[MAX_FDS];
/* the file each traced fd was opened on: a close the shim did not see (libuv closes by raw syscall) frees the number
   for a socket or another file, which must not be taken for the traced one */
static dev_t fd_dev[MAX_FDS];
static ino_t fd_ino[MAX_FDS];

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real_close)(int);
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static ssize_t (*real_pwritev)(int, const struct iovec *, int, off_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off_t);
static int (*real_unlink)(const char *);
static int (*real_unlinkat)(int, const char *, int);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_link)(const char *, const char *);
static int (*real_mkdir)(const char *, mode_t);
static ssize_t (*real_copy_file_range)(int, off_t *, int, off_t *, size_t, unsigned int);
static ssize_t (*real_sendfile)(int, int, off_t *, size_t);
static ssize_t (*real_sendfile64)(int, int, off_t *, size_t);
static long (*real_syscall)(long, ...);

static void init(void) {
  if (ready) return;
  real_open = dlsym(RTLD_NEXT, "open");
  real_open64 = dlsym(RTLD_NEXT, "open64");
  real_openat = dlsym(RTLD_NEXT, "openat");
  real_openat64 = dlsym(RTLD_NEXT, "openat64");
  real_close = dlsym(RTLD_NEXT, "close");
  real_write = dlsym(RTLD_NEXT, "write");
  real_pwrite = dlsym(RTLD_NEXT, "pwrite");
  real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
  real_writev = dlsym(RTLD_NEXT, "writev");
  real_pwritev = dlsym(RTLD_NEXT, "pwritev");
  real_fsync = dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
  real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
  real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
  real_unlink = dlsym(RTLD_NEXT, "unlink");
  real_unlinkat = dlsym(RTLD_NEXT, "unlinkat");
  real_rename = dlsym(RTLD_NEXT, "rename");
  real_renameat = dlsym(RTLD_NEXT, "renameat");
  real_link = dlsym(RTLD_NEXT, "link");
  real_mkdir = dlsym(RTLD_NEXT, "mkdir");
  real_copy_file_range = dlsym(RTLD_NEXT, "copy_file_range");
  real_sendfile = dlsym(RTLD_NEXT, "sendfile");
  real_sendfile64 = dlsym(RTLD_NEXT, "sendfile64");
  real_syscall = dlsym(RTLD_NEXT, "syscall");
  const char *dir = getenv("POWERCUT_DIR");
  const char *log = getenv("POWERCUT_LOG");
  if (dir && log) {
    strncpy(traced_dir, dir, sizeof traced_dir - 1);
    traced_len = strlen(traced_dir);
    log_fd = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    /* only this process traces: the environment a program copies for its children no longer names the folder */
    unsetenv("POWERCUT_DIR");
    unsetenv("LD_PRELOAD");
  }
  ready = 1;
}

__attribute__((constructor)) static void on_load(void) { init(); }

/* the absolute form of a path (relative ones against the working folder); 0 when it is not under the traced folder */
static int traced_path(const char *path, char *out) {
  if (!path || log_fd < 0) return 0;
  if (path[0] == '/') {
    strncpy(out, path, PATH_MAX - 1);
    out[PATH_MAX - 1] = 0;
  } else {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return 0;
    if (strlen(cwd) + strlen(path) + 2 > PATH_MAX) return 0;
    strcpy(out, cwd);
    strcat(out, "/");
    strcat(out, path);
  }
  if (strncmp(out, traced_dir, traced_len) != 0) return 0;
  return out[traced_len] == 0 || out[traced_len] == '/';
}

/*
 * One record is assembled here and written with a single write(): appends of one write() never interleave, so
 * the log stays whole even if two threads record at once (they also hold `lock`, for the fd table).
 */
static char *record_buf = NULL;
static size_t record_len = 0, record_cap = 0;

static void put(const void *data, size_t len) {
  if (record_len + len > record_cap) {
    size_t cap = record_cap ? record_cap : 4096;
    while (cap < record_len + len) cap *= 2;
    record_buf = realloc(record_buf, cap);
    if (!record_buf) abort();
    record_cap = cap;
  }
  memcpy(record_buf + record_len, data, len);
  record_len += len;
}

static void flush_record(void) {
  const char *p = record_buf;
  size_t len = record_len;
  while (len > 0) {
    ssize_t n = real_write(log_fd, p, len);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      abort(); /* a log with a hole would rebuild a wrong disk: better no test than a wrong one */
    }
    p += n;
    len -= (size_t)n;
  }
  record_len = 0;
}

static void put_u8(uint8_t v) { put(&v, 1); }
static void put_i32(int32_t v) { put(&v, 4); }
static void put_i64(int64_t v) { put(&v, 8); }
static void put_str(const char *s) {
  uint32_t len = (uint32_t)strlen(s);
  put(&len, 4);
  put(s, len);
}

static int is_traced_fd(int fd) {
  if (fd < 0 || fd >= MAX_FDS || fd_paths[fd] == NULL) return 0;
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_dev == fd_dev[fd] && st.st_ino == fd_ino[fd]) return 1;
  pthread_mutex_lock(&lock);
  free(fd_paths[fd]);
  fd_paths[fd] = NULL;
  pthread_mutex_unlock(&lock);
  return 0;
}

static void record_open(int fd, const char *path, int flags, int created) {
  if (fd < 0 || fd >= MAX_FDS) return;
  struct stat st;
  if (fstat(fd, &st) != 0) return;
  int is_dir = S_ISDIR(st.st_mode);
  pthread_mutex_lock(&lock);
  free(fd_paths[fd]);
  fd_paths[fd] = strdup(path);
  fd_dev[fd] = st.st_dev;
  fd_ino[fd] = st.st_ino;
  put_u8('O');
  put_i32(fd);
  put_i32(flags);
  put_u8((uint8_t)created);
  put_u8((uint8_t)is_dir);
  put_str(path);
  flush_record();
  pthread_mutex_unlock(&lock);
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static int do_open(int (*real)(const char *, int, ...), const char *path, int flags, mode_t mode) {
  init();
  char abs[PATH_MAX];
  int traced = traced_path(path, abs);
  int created = traced && (flags & O_CREAT) && !exists(abs);
  int fd = real(path, flags, mode);
  if (traced && fd >= 0) record_open(fd, abs, flags, created);
  return fd;
}

int open(const char *path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | __O_TMPFILE)) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
  }
  init();
  return do_open(real_open, path, flags, mode);
}

int open64(const char *path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | __O_TMPFILE)) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
  }
  init();
  return do_open(real_open64 ? real_open64 : real_open, path, flags, mode);
}

int __open_2(const char *path, int flags) { return open(path, flags); }
int __open64_2(const char *path, int flags) { return open64(path, flags); }

static int do_openat(int (*real)(int, const char *, int, ...), int dirfd, const char *path, int flags, mode_t mode) {
  init();
  char abs[PATH_MAX];
  int traced = 0;
  if (path && (path[0] == '/' || dirfd == AT_FDCWD)) traced = traced_path(path, abs);
  else if (is_traced_fd(dirfd) && strlen(fd_paths[dirfd]) + strlen(path) + 2 <= PATH_MAX) {
    strcpy(abs, fd_paths[dirfd]);
    strcat(abs, "/");
    strcat(abs, path);
    traced = 1;
  }
  int created = traced && (flags & O_CREAT) && !exists(abs);
  int fd = real(dirfd, path, flags, mode);
  if (traced && fd >= 0) record_open(fd, abs, flags, created);
  return fd;
}

int openat(int dirfd, const char *path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | __O_TMPFILE)) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
  }
  init();
  return do_openat(real_openat, dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | __O_TMPFILE)) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
  }
  init();
  return do_openat(real_openat64 ? real_openat64 : real_openat, dirfd, path, flags, mode);
}

int __openat_2(int dirfd, const char *path, int flags) { return openat(dirfd, path, flags); }

int close(int fd) {
  init();
  if (is_traced_fd(fd)) {
    pthread_mutex_lock(&lock);
    put_u8('C');
    put_i32(fd);
    free(fd_paths[fd]);
    fd_paths[fd] = NULL;
    flush_record();
  pthread_mutex_unlock(&lock);
  }
  return real_close(fd);
}

static void record_write(int fd, int64_t offset, const void *data, size_t len) {
  pthread_mutex_lock(&lock);
  put_u8('W');
  put_i32(fd);
  put_i64(offset);
  uint32_t n = (uint32_t)len;
  put(&n, 4);
  put(data, len);
  flush_record();
  pthread_mutex_unlock(&lock);
}

/* where a write() without an offset lands: the file position, or the end (-1) for O_APPEND */
static int64_t current_offset(int fd) {
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0 && (flags & O_APPEND)) return -1;
  return (int64_t)lseek(fd, 0, SEEK_CUR);
}

ssize_t write(int fd, const void *buf, size_t count) {
  init();
  if (!is_traced_fd(fd)) return real_write(fd, buf, count);
  int64_t offset = current_offset(fd);
  ssize_t n = real_write(fd, buf, count);
  if (n > 0) record_write(fd, offset, buf, (size_t)n);
  return n;
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
  init();
  ssize_t n = real_pwrite(fd, buf, count, offset);
  if (n > 0 && is_traced_fd(fd)) record_write(fd, offset, buf, (size_t)n);
  return n;
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset) {
  init();
  ssize_t n = (real_pwrite64 ? real_pwrite64 : real_pwrite)(fd, buf, count, offset);
  if (n > 0 && is_traced_fd(fd)) record_write(fd, offset, buf, (size_t)n);
  return n;
}

static void record_vector(int fd, int64_t offset, const struct iovec *iov, int iovcnt, size_t written) {
  size_t total = written;
  char *joined = malloc(total ? total : 1);
  size_t at = 0;
  for (int i = 0; i < iovcnt && at < total; i++) {
    size_t take = iov[i].iov_len < total - at ? iov[i].iov_len : total - at;
    memcpy(joined + at, iov[i].iov_base, take);
    at += take;
  }
  record_write(fd, offset, joined, total);
  free(joined);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  init();
  if (!is_traced_fd(fd)) return real_writev(fd, iov, iovcnt);
  int64_t offset = current_offset(fd);
  ssize_t n = real_writev(fd, iov, iovcnt);
  if (n > 0) record_vector(fd, offset, iov, iovcnt, (size_t)n);
  return n;
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset) {
  init();
  ssize_t n = real_pwritev(fd, iov, iovcnt, offset);
  if (n > 0 && is_traced_fd(fd)) record_vector(fd, offset, iov, iovcnt, (size_t)n);
  return n;
}

static void record_sync(int fd) {
  pthread_mutex_lock(&lock);
  put_u8('S');
  put_i32(fd);
  flush_record();
  pthread_mutex_unlock(&lock);
}

int fsync(int fd) {
  init();
  int r = real_fsync(fd);
  if (r == 0 && is_traced_fd(fd)) record_sync(fd);
  return r;
}

int fdatasync(int fd) {
  init();
  int r = real_fdatasync(fd);
  if (r == 0 && is_traced_fd(fd)) record_sync(fd);
  return r;
}

static void record_truncate(int fd, off_t length) {
  pthread_mutex_lock(&lock);
  put_u8('T');
  put_i32(fd);
  put_i64(length);
  flush_record();
  pthread_mutex_unlock(&lock);
}

int ftruncate(int fd, off_t length) {
  init();
  int r = real_ftruncate(fd, length);
  if (r == 0 && is_traced_fd(fd)) record_truncate(fd, length);
  return r;
}

int ftruncate64(int fd, off_t length) {
  init();
  int r = (real_ftruncate64 ? real_ftruncate64 : real_ftruncate)(fd, length);
  if (r == 0 && is_traced_fd(fd)) record_truncate(fd, length);
  return r;
}

static void record_unlink(const char *abs) {
  pthread_mutex_lock(&lock);
  put_u8('U');
  put_str(abs);
  flush_record();
  pthread_mutex_unlock(&lock);
}

int unlink(const char *path) {
  init();
  char abs[PATH_MAX];
  int traced = traced_path(path, abs);
  int r = real_unlink(path);
  if (r == 0 && traced) record_unlink(abs);
  return r;
}

int unlinkat(int dirfd, const char *path, int flags) {
  init();
  char abs[PATH_MAX];
  int traced = (path[0] == '/' || dirfd == AT_FDCWD) ? traced_path(path, abs) : 0;
  int r = real_unlinkat(dirfd, path, flags);
  if (r == 0 && traced && !(flags & AT_REMOVEDIR)) record_unlink(abs);
  return r;
}

static void record_rename(const char *from, const char *to) {
  pthread_mutex_lock(&lock);
  put_u8('R');
  put_str(from);
  put_str(to);
  flush_record();
  pthread_mutex_unlock(&lock);
}

int rename(const char *from, const char *to) {
  init();
  char a[PATH_MAX], b[PATH_MAX];
  int traced = traced_path(from, a) && traced_path(to, b);
  int r = real_rename(from, to);
  if (r == 0 && traced) record_rename(a, b);
  return r;
}

int renameat(int fromfd, const char *from, int tofd, const char *to) {
  init();
  char a[PATH_MAX], b[PATH_MAX];
  int traced = (fromfd == AT_FDCWD || from[0] == '/') && (tofd == AT_FDCWD || to[0] == '/') && traced_path(from, a) && traced_path(to, b);
  int r = real_renameat(fromfd, from, tofd, to);
  if (r == 0 && traced) record_rename(a, b);
  return r;
}

/* a hard link is recorded as 'L' (same layout as a rename): a second name for the same file */
int link(const char *from, const char *to) {
  init();
  char a[PATH_MAX], b[PATH_MAX];
  int traced = traced_path(from, a) && traced_path(to, b);
  int r = real_link(from, to);
  if (r == 0 && traced) {
    pthread_mutex_lock(&lock);
    put_u8('L');
    put_str(a);
    put_str(b);
    flush_record();
  pthread_mutex_unlock(&lock);
  }
  return r;
}

/* a new folder is an entry in its parent folder: on the disk only once the parent is synced */
int mkdir(const char *path, mode_t mode) {
  init();
  char abs[PATH_MAX];
  int traced = traced_path(path, abs);
  int r = real_mkdir(path, mode);
  if (r == 0 && traced) {
    pthread_mutex_lock(&lock);
    put_u8('M');
    put_str(abs);
    flush_record();
    pthread_mutex_unlock(&lock);
  }
  return r;
}

/*
 * Kernel-side copies (fs.copyFileSync uses copy_file_range, falling back to sendfile) write without write():
 * the bytes they put into a traced file are read back from the source and recorded as a write.
 */
static void record_copy(int in_fd, int64_t in_start, int out_fd, int64_t out_start, ssize_t n) {
  if (n <= 0 || !is_traced_fd(out_fd)) return;
  char *data = malloc((size_t)n);
  if (!data) abort();
  ssize_t got = 0;
  while (got < n) {
    ssize_t r = pread(in_fd, data + got, (size_t)(n - got), in_start + got);
    if (r <= 0) abort();
    got += r;
  }
  record_write(out_fd, out_start, data, (size_t)n);
  free(data);
}

ssize_t copy_file_range(int in_fd, off_t *off_in, int out_fd, off_t *off_out, size_t len, unsigned int flags) {
  init();
  int64_t in_start = off_in ? *off_in : lseek(in_fd, 0, SEEK_CUR);
  int64_t out_start = off_out ? *off_out : current_offset(out_fd);
  ssize_t n = real_copy_file_range(in_fd, off_in, out_fd, off_out, len, flags);
  record_copy(in_fd, in_start, out_fd, out_start, n);
  return n;
}

static ssize_t do_sendfile(ssize_t (*real)(int, int, off_t *, size_t), int out_fd, int in_fd, off_t *offset, size_t count) {
  init();
  int64_t in_start = offset ? *offset : lseek(in_fd, 0, SEEK_CUR);
  int64_t out_start = current_offset(out_fd);
  ssize_t n = real(out_fd, in_fd, offset, count);
  record_copy(in_fd, in_start, out_fd, out_start, n);
  return n;
}

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count) { return do_sendfile(real_sendfile, out_fd, in_fd, offset, count); }
ssize_t sendfile64(int out_fd, int in_fd, off_t *offset, size_t count) {
  return do_sendfile(real_sendfile64 ? real_sendfile64 : real_sendfile, out_fd, in_fd, offset, count);
}

/*
 * libuv calls some system calls through syscall() rather than their libc wrappers: copy_file_range (copyFileSync)
 * and close. Those two are recorded; every call is passed on unchanged.
 */
long syscall(long number, ...) {
  init();
  va_list ap;
  va_start(ap, number);
  long a1 = va_arg(ap, long), a2 = va_arg(ap, long), a3 = va_arg(ap, long);
  long a4 = va_arg(ap, long), a5 = va_arg(ap, long), a6 = va_arg(ap, long);
  va_end(ap);
  if (number == SYS_copy_file_range) {
    int in_fd = (int)a1, out_fd = (int)a3;
    off_t *off_in = (off_t *)a2, *off_out = (off_t *)a4;
    int64_t in_start = off_in ? *off_in : lseek(in_fd, 0, SEEK_CUR);
    int64_t out_start = off_out ? *off_out : current_offset(out_fd);
    long n = real_syscall(number, a1, a2, a3, a4, a5, a6);
    record_copy(in_fd, in_start, out_fd, out_start, n);
    return n;
  }
  if (number == SYS_close) {
    int fd = (int)a1;
    if (is_traced_fd(fd)) {
      pthread_mutex_lock(&lock);
      put_u8('C');
      put_i32(fd);
      flush_record();
      free(fd_paths[fd]);
      fd_paths[fd] = NULL;
      pthread_mutex_unlock(&lock);
    }
  }
  return real_syscall(number, a1, a2, a3, a4, a5, a6);
}
