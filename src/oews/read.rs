//! Reading `official-pay.csv`'s rows: every problem at the line and column
//! of the value at fault.

use std::collections::HashMap;

use super::figures::{Estimates, Figure, FootnoteSet, Measure, is_soc, parse_value, value_of};
use super::header::{Problem, Problems, columns, field_column, read_comments};
use super::model::{AreaKind, Builder, OfficialPay};

impl OfficialPay {
    /// Reads the file's text: the model, or every problem (at most
    /// [`PROBLEM_LIMIT`](super::model::PROBLEM_LIMIT), then how many more), each at the line and column
    /// of the value at fault.
    pub fn parse(text: &str) -> Result<Self, Vec<Problem>> {
        read(text)
    }
}

fn read(text: &str) -> Result<OfficialPay, Vec<Problem>> {
    let mut problems = Problems::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The `csv` crate counts a record after a CRLF as starting on the
    // line before; with LF alone its line numbers are the file's.
    let owned;
    let text = if text.contains('\r') {
        owned = text.replace("\r\n", "\n");
        owned.as_str()
    } else {
        text
    };
    let (release, footnotes, header_lines, offset) = read_comments(&mut problems, text);
    let rest = &text[offset..];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(rest.as_bytes());
    let mut record = csv::ByteRecord::new();
    // Where a record starts: the `csv` crate's position is where it
    // began reading, before any `#` or empty lines it skipped.
    let start = |record: &csv::ByteRecord| -> (u64, usize) {
        let (mut line, mut byte) = record.position().map_or((1, 0), |p| {
            (p.line(), usize::try_from(p.byte()).unwrap_or(usize::MAX))
        });
        while let Some(next) = rest.as_bytes().get(byte)
            && matches!(next, b'#' | b'\n')
        {
            byte = rest[byte..]
                .find('\n')
                .map_or(rest.len(), |end| byte + end + 1);
            line += 1;
        }
        (header_lines + line, byte.min(rest.len()))
    };
    let line_of = |record: &csv::ByteRecord| start(record).0;
    let raw_line = |record: &csv::ByteRecord| -> &str {
        let line = rest.get(start(record).1..).unwrap_or("");
        line.split(['\n', '\r']).next().unwrap_or("")
    };
    let header = match reader.read_byte_record(&mut record) {
        Ok(true) => record.clone(),
        Ok(false) => {
            problems.at(
                header_lines + 1,
                1,
                "the header row is missing: the file ends after its `#` lines",
            );
            return Err(problems.finish());
        }
        Err(error) => {
            problems.at(header_lines + 1, 1, format!("cannot read the row: {error}"));
            return Err(problems.finish());
        }
    };
    let header_line = line_of(&header);
    let Some(columns) = columns(&mut problems, &header, header_line, raw_line(&header)) else {
        return Err(problems.finish());
    };
    if release.name.is_empty() {
        problems.at(
            1,
            1,
            "the file does not say which release it holds: add a line `# release: May 2025` above the header",
        );
    }
    let mut builder = Builder::new(release.clone(), footnotes.clone());
    // Per occupation: (area, line) of each row, to find repeats.
    let mut lines: Vec<Vec<(u16, u64)>> = Vec::new();
    let mut occupation_lines: Vec<u64> = Vec::new();
    let mut area_lines: HashMap<[u8; 7], u64> = HashMap::new();
    // Rows come grouped by occupation: the last one found is kept.
    let mut last_occupation: Option<(Vec<u8>, usize)> = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(header_line + 1, |p| header_lines + p.line());
                problems.at(line, 1, format!("cannot read the row: {error}"));
                break;
            }
        }
        let line = line_of(&record);
        let field = |index: usize| -> &[u8] { record.get(index).unwrap_or(b"") };
        // Fields split at ASCII bytes of valid UTF-8 text are UTF-8.
        let text = |index: usize| String::from_utf8_lossy(field(index)).into_owned();
        let column = |index: usize| field_column(raw_line(&record), index);
        if record.len() != columns.count {
            problems.at(
                line,
                1,
                format!(
                    "the row has {} fields, but the header has {}",
                    record.len(),
                    columns.count
                ),
            );
            continue;
        }
        let mut ok = true;
        let soc = field(columns.soc);
        let soc_ok = std::str::from_utf8(soc).is_ok_and(is_soc);
        if !soc_ok {
            problems.at(
                line,
                column(columns.soc),
                format!("`{}` is not a SOC code such as 15-1241", text(columns.soc)),
            );
            ok = false;
        }
        let title = field(columns.occupation).trim_ascii();
        let known = match &last_occupation {
            Some((last, index)) if last.as_slice() == soc => Some(*index),
            _ => std::str::from_utf8(soc)
                .ok()
                .and_then(|soc| builder.occupation_index.get(soc).copied()),
        };
        if title.is_empty() {
            problems.at(
                line,
                column(columns.occupation),
                "the occupation's title is empty",
            );
            ok = false;
        } else if let Some(index) = known
            && builder.occupations[index].1.as_bytes() != title
        {
            problems.at(
                line,
                column(columns.occupation),
                format!(
                    "the occupation {} is called `{}` here, but `{}` on line {}",
                    text(columns.soc),
                    String::from_utf8_lossy(title),
                    builder.occupations[index].1,
                    occupation_lines[index]
                ),
            );
            ok = false;
        }
        let code = field(columns.area);
        let code: Option<[u8; 7]> = code
            .try_into()
            .ok()
            .filter(|code: &[u8; 7]| code.iter().all(u8::is_ascii_digit));
        if code.is_none() {
            problems.at(
                line,
                column(columns.area),
                format!(
                    "`{}` is not a seven-digit BLS area code such as 0000000",
                    text(columns.area)
                ),
            );
            ok = false;
        }
        let kind = AreaKind::from_code(field(columns.area_type));
        if kind.is_none() {
            problems.at(
                line,
                column(columns.area_type),
                format!(
                    "the area type `{}` is not N (national), S (state) or M (metropolitan or nonmetropolitan area)",
                    text(columns.area_type)
                ),
            );
            ok = false;
        }
        let name = field(columns.area_name).trim_ascii();
        if name.is_empty() {
            problems.at(line, column(columns.area_name), "the area's name is empty");
            ok = false;
        }
        let known_area = code.and_then(|code| builder.area_codes.get(&code).copied());
        if let (Some(kind), Some(index)) = (kind, known_area) {
            let (known_code, known_kind, known_name) = &builder.areas[usize::from(index)];
            if (kind, name) != (*known_kind, known_name.as_bytes()) {
                problems.at(
                    line,
                    column(columns.area_name),
                    format!(
                        "the area {known_code} is `{}` ({}) here, but `{known_name}` ({}) on line {}",
                        String::from_utf8_lossy(name),
                        kind.code(),
                        known_kind.code(),
                        code.and_then(|code| area_lines.get(&code).copied()).unwrap_or(0)
                    ),
                );
                ok = false;
            }
        }
        let mut estimates = Estimates::default();
        for (measure, &(value_at, notes_at)) in Measure::ALL.iter().zip(&columns.figures) {
            let mut set = FootnoteSet::default();
            for code in field(notes_at)
                .split(|&b| b == b',')
                .map(<[u8]>::trim_ascii)
                .filter(|c| !c.is_empty())
            {
                match footnotes.iter().position(|f| f.code.as_bytes() == code) {
                    Some(index) => set = set.with(index),
                    None => {
                        let code = String::from_utf8_lossy(code);
                        problems.at(
                            line,
                            column(notes_at),
                            format!("the footnote `{code}` is not declared: add a line `# footnote {code}: …` above the header"),
                        );
                        ok = false;
                    }
                }
            }
            let value = field(value_at).trim_ascii();
            let figure = match value {
                b"" if set.is_empty() => Figure::ABSENT,
                b"" => {
                    problems.at(
                        line,
                        column(value_at),
                        format!("`{}` is empty but has footnotes: write `-` for a figure BLS published without a number", measure.column()),
                    );
                    ok = false;
                    continue;
                }
                b"-" => Figure::dash(set),
                _ => match value_of(value, measure.unit()) {
                    Some(value) => Figure::number(value, set),
                    None => {
                        let message = parse_value(&String::from_utf8_lossy(value), measure.unit())
                            .err()
                            .unwrap_or_default();
                        problems.at(
                            line,
                            column(value_at),
                            format!("{}: {message}", measure.column()),
                        );
                        ok = false;
                        continue;
                    }
                },
            };
            estimates.set(*measure, figure);
        }
        let (true, Some(code), Some(kind), Ok(soc)) = (ok, code, kind, std::str::from_utf8(soc))
        else {
            continue;
        };
        let area = match known_area {
            Some(index) => index,
            None => {
                let name = String::from_utf8_lossy(name);
                let code_text = String::from_utf8_lossy(&code);
                let Some(index) = builder.area(&code_text, kind, &name) else {
                    problems.at(
                        line,
                        column(columns.area),
                        "too many areas (at most 65,536)",
                    );
                    continue;
                };
                area_lines.insert(code, line);
                index
            }
        };
        let occupation = match known {
            Some(index) => index,
            None => {
                let index = builder.occupation(soc, &String::from_utf8_lossy(title));
                occupation_lines.push(line);
                lines.push(Vec::new());
                index
            }
        };
        last_occupation = match last_occupation {
            Some((mut last, _)) if last.as_slice() != soc.as_bytes() => {
                last.clear();
                last.extend_from_slice(soc.as_bytes());
                Some((last, occupation))
            }
            Some(same) => Some(same),
            None => Some((soc.as_bytes().to_vec(), occupation)),
        };
        lines[occupation].push((area, line));
        builder.push(occupation, area, estimates);
    }
    // A pair given twice: the later line is the problem.
    for (occupation, rows) in lines.iter_mut().enumerate() {
        rows.sort_unstable();
        for pair in rows.windows(2) {
            let ((area, first), (again, line)) = (pair[0], pair[1]);
            if area == again {
                problems.at(
                    line,
                    1,
                    format!(
                        "line {first} already gives the figures for {} in area {}",
                        builder.occupations[occupation].0,
                        builder.areas[usize::from(area)].0
                    ),
                );
            }
        }
    }
    if problems.list.is_empty() {
        Ok(builder.build())
    } else {
        problems.list.sort_by_key(|problem| problem.line);
        Err(problems.finish())
    }
}

#[cfg(test)]
mod tests;
