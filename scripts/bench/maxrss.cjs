'use strict';
// Preloaded (`node --require`) into the benchmark's child processes when /usr/bin/time is not
// available: writes the process's peak resident set size (getrusage ru_maxrss, KiB) to the file
// named by CREEPYLINE_BENCH_RSS on exit, followed by its CPU time (user + system, seconds).
const fs = require('node:fs');
const out = process.env.CREEPYLINE_BENCH_RSS;
if (out) process.on('exit', () => { try { const u = process.resourceUsage(); fs.writeFileSync(out, `${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1e6}`); } catch {} });
