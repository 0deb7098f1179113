//! End-to-end tests of the `dyad` binary, each in a fresh temporary directory.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

/// A scratch directory holding a copy of the seed article as `seed.txt`.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let scratch = Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        scratch.write("seed.txt", SEED.as_bytes());
        scratch
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, bytes).expect("write fixture");
        path
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
        cmd.args(args).current_dir(self.dir.path());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run dyad")
    }

    fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dyad");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stdin.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("wait dyad")
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

mod code {
    use super::*;

    #[test]
    fn seed_json_record() {
        let scratch = Scratch::new();
        let out = scratch.run(&["code", "seed.txt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let records = json_lines(&out);
        assert_eq!(records.len(), 1);
        let record = &records[0];
        // Spans are character offsets: slicing the text by them gives the item's text.
        let text: Vec<char> = record["text"].as_str().unwrap().chars().collect();
        for layer in ["sections", "sentences"] {
            for item in record[layer].as_array().unwrap() {
                let [s, e] = [0, 1].map(|i| item["span"][i].as_u64().unwrap() as usize);
                let sliced: String = text[s..e].iter().collect();
                assert_eq!(sliced, item["text"].as_str().unwrap());
            }
        }
        insta::assert_json_snapshot!("seed_record", record);
    }

    #[test]
    fn seed_text_report() {
        let scratch = Scratch::new();
        let out = scratch.run(&["code", "--format", "text", "seed.txt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        insta::assert_snapshot!("seed_report", stdout(&out));
    }

    #[test]
    fn the_ball_is_in_pyongyangs_court() {
        let scratch = Scratch::new();
        let out = scratch.run(&["dyads", "seed.txt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let pairs = json_lines(&out);
        let usa_prk = pairs
            .iter()
            .find(|p| p["pair"] == serde_json::json!(["PRK", "USA"]))
            .unwrap_or_else(|| panic!("no PRK-USA pair in {pairs:#?}"));
        // Pairs are countries by default: the Biden administration's moves (`USAGOV`:
        // `convey ... to Pyongyang`) are the US's. The US moved last; the ball is with North
        // Korea. `Instead of actively seeking to bring North Korea to the table` did not
        // happen, so it passes no ball.
        assert_eq!(usa_prk["last_mover"], "USA");
        assert_eq!(usa_prk["awaiting"], "PRK");
        assert!(usa_prk["moves"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["source"] == "USAGOV" && m["evidence"] == "convey"));
        assert!(usa_prk["moves"][0]["evidence"].is_string());
        let seeking = usa_prk["moves"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["evidence"] == "seeking")
            .unwrap_or_else(|| panic!("no `seeking` move in {usa_prk:#}"));
        assert_eq!(seeking["negated"], true);
    }

    /// Issue 5: the seed's events read right. "Putting the ball in Pyongyang's court" is an
    /// idiom (no arrest, no North Korean judiciary), a bare "engage" is no use of force, and
    /// the North's demand on the US after the Hanoi summit is dated by it.
    #[test]
    fn regression_issue_5_seed_events() {
        let scratch = Scratch::new();
        let out = scratch.run(&["code", "seed.txt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let record = &json_lines(&out)[0];
        let events = record["events"].as_array().unwrap();
        let codes: Vec<&str> = events
            .iter()
            .map(|e| e["cameo"].as_str().unwrap())
            .collect();
        assert!(
            !codes
                .iter()
                .any(|c| c.starts_with("17") || c.starts_with("19")),
            "{codes:?}"
        );
        let mentions = record["mentions"].as_array().unwrap();
        assert!(!mentions.iter().any(|m| m["actor"]["code"] == "PRKJUD"));
        let demand = events
            .iter()
            .find(|e| e["cameo"] == "100")
            .unwrap_or_else(|| panic!("no demand in {codes:?}"));
        assert_eq!(
            (&demand["source"]["code"], &demand["target"]["code"]),
            (&serde_json::json!("PRK"), &serde_json::json!("USA"))
        );
        assert_eq!(demand["date"], "2019-02");
        // The nominal events: the Hanoi summit of February 2019 and the summit on May 21,
        // each pair meeting both ways.
        let summits: Vec<(&str, &str, &str)> = events
            .iter()
            .filter(|e| e["evidence"]["text"] == "summit")
            .map(|e| {
                (
                    e["source"]["code"].as_str().unwrap(),
                    e["target"]["code"].as_str().unwrap(),
                    e["date"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            summits,
            [
                ("KOR", "USA", "2021-05-21"),
                ("USA", "KOR", "2021-05-21"),
                ("PRK", "USA", "2019-02"),
                ("USA", "PRK", "2019-02")
            ]
        );
        // The issue's list, each as `SOURCE TARGET CAMEO EVIDENCE DATE PLACE done|negated
        // MODALITY`: the G7's support for the US policy (`we` in the G7's quote is the G7),
        // the White House's statement dated by its clause, Blinken's statement, the Blue
        // House's assessment and plans, the government's reaffirmed intention and Chung's
        // request to the G7.
        let read = |e: &serde_json::Value| {
            let code = |v: &serde_json::Value| v["code"].as_str().unwrap_or("-").to_string();
            let negated = if e["negated"] == true {
                "negated"
            } else {
                "done"
            };
            [
                code(&e["source"]),
                code(&e["target"]),
                e["cameo"].as_str().unwrap().to_string(),
                e["evidence"]["text"].as_str().unwrap().to_string(),
                e["date"].as_str().unwrap().to_string(),
                e["place"]["text"].as_str().unwrap_or("-").to_string(),
                negated.to_string(),
                e["modality"].as_str().unwrap().to_string(),
            ]
            .join(" ")
        };
        let all: Vec<String> = events.iter().map(read).collect();
        let expected = [
            "IGOGOS USA 051 welcome 2021-05-07 - done asserted",
            "USAGOV - 010 summarized 2021-04-30 - done asserted",
            "USAGOV - 010 said 2021-05-03 - done asserted",
            "KORGOV - 030 reaffirmed 2021-05-07 - done asserted",
            "KORGOV - 010 said 2021-05-06 - done asserted",
            "KORGOV USA 030 decided 2021-05-07 - done asserted",
            "KOR USA 040 hold 2021-05-07 - done intended",
            "KORGOV IGOGOS 022 asked 2021-05-07 - done asserted",
            // The Hanoi summit is where it was held; the North's declaration after it is not.
            "PRK USA 040 summit 2019-02 Hanoi done asserted",
            "PRK - 010 declared 2019-02 - done asserted",
            // `Instead of actively seeking to bring North Korea to the table`: not done.
            "USA PRK 036 seeking 2021-05-07 - negated asserted",
            // `what North Korea says` is no statement of North Korea's.
            "PRK - 010 says 2021-05-07 - done hypothetical",
        ];
        for want in expected {
            assert!(all.iter().any(|e| e == want), "{want:?} not in {all:#?}");
        }
        // Committing to the end of North Korea's programmes is no support of North Korea.
        assert!(
            !all.iter().any(|e| e.starts_with("IGOGOS PRK ")),
            "{all:#?}"
        );
    }

    /// `--kb DIR` adds a user's files: a person in dyad's format and an organisation from a
    /// PETRARCH actor dictionary; a verb dictionary beside them is skipped with a note, and a
    /// broken line stops the run with its file and line.
    #[test]
    fn kb_folders_extend_the_knowledge_base() {
        let scratch = Scratch::new();
        scratch.write(
            "kb/people.tsv",
            b"Hwang Joon-bum\tKORMED\t2010\t-\tcorrespondent\t-\n",
        );
        scratch.write(
            "kb/local.actors.txt",
            b"EUROPEAN_PRESS_PHOTO_AGENCY [MED]\n+EPA\n",
        );
        scratch.write("kb/local.verbs.txt", b"--- SAY [010] ---\n");
        let out = scratch.run(&["code", "--kb", "kb", "seed.txt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("local.verbs.txt: not an actor or agent dictionary"));
        let record = &json_lines(&out)[0];
        let code_of = |text: &str| {
            record["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["text"] == text)
                .map(|m| m["actor"]["code"].clone())
        };
        assert_eq!(code_of("Hwang Joon-bum"), Some(serde_json::json!("KORMED")));
        assert_eq!(code_of("EPA"), Some(serde_json::json!("MED")));

        scratch.write("kb/people.tsv", b"Hwang Joon-bum\tKORMED\t2010\n");
        let out = scratch.run(&["code", "--kb", "kb", "seed.txt"]);
        assert!(!out.status.success());
        assert!(stderr(&out).contains("people.tsv:1"), "{}", stderr(&out));
    }

    /// `--patterns FILE` adds a user's rules in dyad's format: a rule that makes the North's
    /// declaration a threat wins over PETRARCH's pattern, and a broken line stops the run with
    /// its file and line.
    #[test]
    fn pattern_files_add_rules() {
        let scratch = Scratch::new();
        scratch.write("mine.txt", b"# mine\nverb declare obj=course [130]\n");
        let out = scratch.run(&["code", "--patterns", "mine.txt", "seed.txt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let record = &json_lines(&out)[0];
        let declared = record["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["evidence"]["text"] == "declared")
            .unwrap();
        assert_eq!(declared["cameo"], "130");
        assert_eq!(declared["rule"], "mine.txt:2");

        scratch.write("mine.txt", b"verb declare obj=course [13x]\n");
        let out = scratch.run(&["code", "--patterns", "mine.txt", "seed.txt"]);
        assert!(!out.status.success());
        assert!(stderr(&out).contains("mine.txt:1"), "{}", stderr(&out));
    }

    #[test]
    fn tokens_only_when_asked() {
        let scratch = Scratch::new();
        let plain = &json_lines(&scratch.run(&["code", "seed.txt"]))[0];
        assert!(plain.get("tokens").is_none());
        let with = &json_lines(&scratch.run(&["code", "--tokens", "seed.txt"]))[0];
        let tokens = with["tokens"].as_array().unwrap();
        let sentences = with["sentences"].as_array().unwrap();
        let last = sentences.last().unwrap()["tokens"]
            .as_array()
            .unwrap()
            .clone();
        let covered = last[0].as_u64().unwrap() + last[1].as_u64().unwrap();
        assert_eq!(covered as usize, tokens.len());
        assert!(tokens
            .iter()
            .any(|t| t["text"] == "U.S." || t["text"] == "US"));
        // Each token carries its analysis, and each sentence is a tree with one root.
        for sentence in sentences {
            let [first, n] = [0, 1].map(|i| sentence["tokens"][i].as_u64().unwrap() as usize);
            let words = &tokens[first..first + n];
            assert_eq!(words.iter().filter(|t| t["head"].is_null()).count(), 1);
            for word in words {
                assert!(word["upos"].is_string() && word["lemma"].is_string());
                assert!(word["deprel"].is_string() && word["xpos"].is_string());
                if let Some(head) = word["head"].as_u64() {
                    assert!((first..first + n).contains(&(head as usize)), "{word}");
                }
            }
        }
        let said = tokens.iter().find(|t| t["text"] == "said").unwrap();
        assert_eq!(said["lemma"], "say");
        assert_eq!(said["upos"], "VERB");
    }

    #[test]
    fn json_lines_on_stdin() {
        let scratch = Scratch::new();
        let input = concat!(
            r#"{"id": "a1", "title": "Seoul plans talks", "url": "https://example.org/a1", "published": "2021-05-07", "text": "Seoul plans to hold close consultations with the US. The summit is on May 21."}"#,
            "\n",
            r#"{"text": "North Korea has not responded."}"#,
            "\n"
        );
        let out = scratch.run_with_stdin(&["code", "-"], input);
        assert!(out.status.success(), "{}", stderr(&out));
        let records = json_lines(&out);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0]["source_id"], "a1");
        assert_eq!(records[0]["title"], "Seoul plans talks");
        assert_eq!(records[0]["url"], "https://example.org/a1");
        assert_eq!(records[0]["sentences"].as_array().unwrap().len(), 2);
        assert_eq!(records[1]["title"], serde_json::Value::Null);
    }

    #[test]
    fn bad_inputs_fail_alone() {
        let scratch = Scratch::new();
        scratch.write("batch/a-good.txt", SEED.as_bytes());
        scratch.write(
            "batch/b-binary.txt",
            &[0x7f, b'E', b'L', b'F', 0, 0, 1, 0, 0, 0],
        );
        scratch.write("batch/c-latin1.txt", b"caf\xe9 au lait\n");
        scratch.write("batch/d-empty.txt", b"");
        scratch.write("batch/e-big.txt", "word ".repeat(10_000).as_bytes());
        scratch.write("batch/f-good.txt", b"North Korea has not responded.\n");
        let out = scratch.run(&["code", "--max-bytes", "20000", "batch"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let records = json_lines(&out);
        let sources: Vec<_> = records
            .iter()
            .map(|r| r["source"].as_str().unwrap())
            .collect();
        assert_eq!(sources.len(), 2, "{sources:?}");
        assert!(sources[0].ends_with("a-good.txt") && sources[1].ends_with("f-good.txt"));
        let err = stderr(&out);
        for bad in ["b-binary.txt", "c-latin1.txt", "d-empty.txt", "e-big.txt"] {
            let lines = err.lines().filter(|l| l.contains(bad)).count();
            assert_eq!(lines, 1, "one error line for {bad} in:\n{err}");
        }
        assert!(!err.contains("panicked"), "{err}");
    }

    #[test]
    fn unreadable_directory_does_not_stop_the_batch() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = Scratch::new();
        scratch.write("tree/locked/x.txt", b"Hidden text.\n");
        scratch.write("tree/open.txt", b"Open text.\n");
        let locked = scratch.path("tree/locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let out = scratch.run(&["code", "tree"]);
        // Root can read any directory; the error is only expected where reading really fails.
        let readable = fs::read_dir(&locked).is_ok();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        let records = json_lines(&out);
        assert!(records.iter().any(|r| r["text"] == "Open text.\n"));
        if readable {
            assert!(out.status.success(), "{}", stderr(&out));
        } else {
            assert_eq!(out.status.code(), Some(1));
            assert_eq!(
                stderr(&out)
                    .lines()
                    .filter(|l| l.contains("locked"))
                    .count(),
                1
            );
        }
    }

    #[test]
    fn usage_errors_exit_2() {
        let scratch = Scratch::new();
        assert_eq!(scratch.run(&["code"]).status.code(), Some(2));
        assert_eq!(
            scratch
                .run(&["code", "--format", "yaml", "x"])
                .status
                .code(),
            Some(2)
        );
        assert_eq!(scratch.run(&["frobnicate"]).status.code(), Some(2));
    }

    #[test]
    fn missing_file_is_one_error_line() {
        let scratch = Scratch::new();
        let out = scratch.run(&["code", "nope.txt", "seed.txt"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(json_lines(&out).len(), 1);
        assert_eq!(
            stderr(&out)
                .lines()
                .filter(|l| l.contains("nope.txt"))
                .count(),
            1
        );
    }

    #[test]
    fn closed_stdout_is_not_an_error() {
        let scratch = Scratch::new();
        for i in 0..300 {
            // Distinct texts, so each is its own article.
            scratch.write(
                &format!("many/{i:03}.txt"),
                format!("{SEED}\n{i}\n").as_bytes(),
            );
        }
        let mut child = scratch
            .command(&["code", "many"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stderr(&out), "");
    }
}

mod web {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Seoul plans talks | Example News</title>
<meta property="article:published_time" content="2021-05-07T16:59:00+09:00">
<link rel="canonical" href="https://news.example.org/2021/05/07/seoul-talks">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Seoul plans talks</h1>
<p>Seoul plans to hold close consultations with the United States, including the summit scheduled for May 21, officials said on Friday.</p>
<p>The Blue House said it hopes the summit will lead to a quick resumption of dialogue between North Korea and the United States.</p>
<p>North Korea has not responded to the offers of dialogue, according to two senior officials in the US government.</p>
</article><footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"#;

    /// A WARC file holding one HTML response and one non-HTML record.
    fn warc(page: &str) -> Vec<u8> {
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        let response = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.org/a\r\n\
             WARC-Date: 2021-05-08T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let info = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nx: y\r\n\r\n";
        format!("{info}{response}").into_bytes()
    }

    #[test]
    fn html_page_gives_the_article() {
        let scratch = Scratch::new();
        scratch.write("page.html", PAGE.as_bytes());
        let out = scratch.run(&["code", "page.html"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let record = &json_lines(&out)[0];
        assert_eq!(record["title"], "Seoul plans talks");
        assert_eq!(record["published"], "2021-05-07T16:59:00+09:00");
        let text = record["text"].as_str().unwrap();
        assert!(text.contains("Seoul plans to hold close consultations"));
        assert!(
            !text.contains("Home") && !text.contains("All rights reserved"),
            "{text}"
        );
        assert!(record["sentences"].as_array().unwrap().len() >= 3);
    }

    #[test]
    fn warc_records_and_duplicates() {
        let scratch = Scratch::new();
        scratch.write("crawl/a.warc", &warc(PAGE));
        scratch.write(
            "crawl/b.html",
            PAGE.replace("Example News", "Other Site").as_bytes(),
        );
        let out = scratch.run(&["code", "crawl"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let records = json_lines(&out);
        assert_eq!(records.len(), 2, "{}", stderr(&out));
        assert_eq!(records[0]["url"], "https://news.example.org/a");
        assert_eq!(records[0]["duplicate_of"], serde_json::Value::Null);
        assert_eq!(records[1]["duplicate_of"], records[0]["id"]);
        assert!(
            stderr(&out).contains("skipped 1 inputs or records"),
            "{}",
            stderr(&out)
        );

        let skipping = scratch.run(&["code", "--skip-duplicates", "crawl"]);
        assert_eq!(json_lines(&skipping).len(), 1);
        assert!(stderr(&skipping).contains("left out 1 near-duplicate articles"));
    }
}

mod store {
    use super::*;

    #[test]
    fn storing_twice_adds_nothing() {
        let scratch = Scratch::new();
        scratch.write(
            "more.txt",
            b"Seoul plans to hold close consultations with the US.\n",
        );
        let first = scratch.run(&[
            "code", "--format", "none", "--db", "d.sqlite", "seed.txt", "more.txt",
        ]);
        assert!(first.status.success(), "{}", stderr(&first));
        assert!(stderr(&first).contains("stored 2 new articles in d.sqlite (0 already there)"));
        let again = scratch.run(&[
            "code", "--format", "none", "--db", "d.sqlite", "more.txt", "seed.txt",
        ]);
        assert!(stderr(&again).contains("stored 0 new articles in d.sqlite (2 already there)"));
        let store = dyad_store_count(&scratch.path("d.sqlite"));
        assert_eq!(store, 2);
    }

    #[test]
    fn search_finds_stored_articles() {
        let scratch = Scratch::new();
        let stored = scratch.run(&["code", "--format", "none", "--db", "d.sqlite", "seed.txt"]);
        assert!(stored.status.success(), "{}", stderr(&stored));
        let out = scratch.run(&["search", "--db", "d.sqlite", "Blinken"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("US puts ball in Pyongyang’s court"), "{text}");
        assert!(text.contains("[Blinken]"), "{text}");
        let none = scratch.run(&["search", "--db", "d.sqlite", "Zanzibar"]);
        assert_eq!(stdout(&none), "");
        assert!(stderr(&none).contains("no article matches"));
        let missing = scratch.run(&["search", "--db", "nope.sqlite", "x"]);
        assert_eq!(missing.status.code(), Some(2));
    }

    fn dyad_store_count(path: &Path) -> u64 {
        dyad_store::Store::open(path).unwrap().count().unwrap()
    }
}

mod demo {
    use super::*;

    #[test]
    fn demo_reports_and_stores_the_sample() {
        let scratch = tempfile::tempdir().unwrap();
        let run = || {
            Command::new(env!("CARGO_BIN_EXE_dyad"))
                .arg("demo")
                .current_dir(scratch.path())
                .output()
                .unwrap()
        };
        let first = run();
        assert!(first.status.success(), "{}", stderr(&first));
        assert!(stdout(&first).starts_with("US puts ball in Pyongyang’s court"));
        // The report ends with the pairs: the headline's ball is in Pyongyang's court.
        assert!(stdout(&first).contains("\n  PRK – USA: last move by USA, awaiting PRK\n"));
        assert!(stderr(&first).contains("stored 1 new articles in dyad-demo.sqlite"));
        let second = run();
        assert!(
            stderr(&second).contains("stored 0 new articles in dyad-demo.sqlite (1 already there)")
        );
        assert_eq!(stdout(&first), stdout(&second));
    }
}

mod eval {
    use super::*;

    #[test]
    fn absent_data_skips_cleanly() {
        let scratch = Scratch::new();
        let out = scratch.run(&["eval", "tokenize", "--data", "no-such-dir"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let last = stdout(&out).lines().last().unwrap().to_string();
        let json: serde_json::Value = serde_json::from_str(&last).unwrap();
        assert_eq!(json["suite"], "tokenize");
        assert_eq!(json["skipped"], true);
    }
}
