//! Criterion benches for the scanner's hot path: the keyword prefilter on keyword-free and
//! keyword-dense text, a full scan of a generated tree of files, and rule set-up (which every
//! short run pays). Throughput is in bytes so numbers read as MB/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leakscan::rules;
use leakscan::Scanner;
use std::hint::black_box;

/// Realistic code with no keyword of any rule: the common case, which should cost little more
/// than reading the bytes.
fn keyword_free(size: usize) -> Vec<u8> {
    let chunk = b"fn handle(request: &Request) -> Response {\n    let body = request.body();\n    \
                  if body.is_empty() { return Response::empty(); }\n    render(body, 200)\n}\n";
    chunk.iter().copied().cycle().take(size).collect()
}

/// Code dense with keywords (`token`, `password`, `Bearer`), but no secrets.
fn keyword_dense(size: usize) -> Vec<u8> {
    let chunk = b"token = tokens.next()\npassword = os.environ.get(\"DB_PASSWORD\")\n\
                  headers = {\"Authorization\": f\"Bearer {token}\"}\napi_key = settings.API_KEY\n";
    chunk.iter().copied().cycle().take(size).collect()
}

fn bench_scan(c: &mut Criterion) {
    let (set, problems) = rules::load(&[]);
    assert!(problems.is_empty());
    let mut group = c.benchmark_group("scan");
    for (name, data) in [
        ("keyword-free 1 MiB", keyword_free(1 << 20)),
        ("keyword-dense 1 MiB", keyword_dense(1 << 20)),
    ] {
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name, |b| {
            let mut scanner = Scanner::new(&set);
            b.iter(|| black_box(scanner.scan(black_box(&data), "bench")))
        });
    }
    group.finish();
}

fn bench_tree(c: &mut Criterion) {
    // 400 files of 16 KiB, one secret in every tenth, scanned through the real walker.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut total = 0u64;
    for i in 0..400 {
        let mut data = keyword_free(16 << 10);
        if i % 10 == 0 {
            data.extend_from_slice(
                b"\nAuthorization: ApiKey-v1 3f1c9a0be27d4c5e8a6b1f2d3c4e5a6b7c8d9e0f1a2b3c4d5e6f7a\n",
            );
        }
        total += data.len() as u64;
        std::fs::write(dir.path().join(format!("f{i}.rs")), data).expect("write");
    }
    let (set, _) = rules::load(&[]);
    let job = leakscan::pipeline::ScanJob {
        roots: vec![dir.path().to_path_buf()],
        max_file_size: 100 << 20,
        mmap_threshold: leakscan::source::read::MMAP_THRESHOLD,
        walk: leakscan::source::walk::WalkOptions {
            no_ignore: false,
            threads: 2,
            follow: false,
        },
    };
    let mut group = c.benchmark_group("tree");
    group.throughput(Throughput::Bytes(total));
    group.bench_function("400 files x 16 KiB", |b| {
        b.iter(|| {
            let out = leakscan::pipeline::scan_paths(&job, &set, &Default::default());
            assert_eq!(out.findings.len(), 40);
        })
    });
    group.finish();
}

/// What a scan does before its first file: load the built-ins (without their examples) and
/// build the keyword automaton; regexes are built on first use, so this is the fixed cost.
/// The second bench adds building every rule's regex, which a large scan pays once.
fn bench_setup(c: &mut Criterion) {
    c.bench_function("rule set-up (built-ins, as a scan loads them)", |b| {
        b.iter(|| black_box(rules::load_from(&[], rules::Builtins::ForScan)))
    });
    c.bench_function("rule set-up + every regex built", |b| {
        b.iter(|| {
            let (set, _) = rules::load_from(&[], rules::Builtins::ForScan);
            for rule in set.rules() {
                black_box(rule.regex().is_ok());
            }
        })
    });
}

criterion_group!(benches, bench_scan, bench_tree, bench_setup);
criterion_main!(benches);
