//! Writing `official-pay.csv`.

use std::io::{self, Write};

use super::figures::{Estimates, FIXED_COLUMNS, Measure, footnotes_column, format_value};
use super::model::{Area, Occupation, OfficialPay};

impl OfficialPay {
    /// Writes the file: the release's details and the footnotes as `#`
    /// lines, then one row per occupation and area, by SOC code, then
    /// area order. Line ends are `\n`.
    pub fn write(&self, out: impl Write) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        self.write_comments(&mut out)?;
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        let mut header: Vec<String> = FIXED_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        for measure in Measure::ALL {
            header.push(measure.column().to_owned());
            header.push(footnotes_column(measure));
        }
        csv.write_record(&header)?;
        let mut record: Vec<String> = Vec::with_capacity(header.len());
        for occupation in &self.occupations {
            for (area, estimates) in &self.rows[occupation.rows.clone()] {
                let area = &self.areas[usize::from(*area)];
                self.fill_record(&mut record, occupation, area, estimates);
                csv.write_record(&record)?;
            }
        }
        csv.flush()?;
        Ok(())
    }

    /// The `#` lines: what the file is, the release's details, the
    /// footnotes.
    fn write_comments(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "# Official pay figures: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS)."
        )?;
        writeln!(
            out,
            "# Written by `rolecompare import-oews` from BLS's flat files: import them again rather than editing this file."
        )?;
        writeln!(
            out,
            "# Employment is a count of jobs; annual wages are dollars a year, hourly wages dollars an hour, as BLS published them."
        )?;
        writeln!(
            out,
            "# `-` means BLS published no number (the footnote codes beside it say why); an empty cell, that BLS has no such figure."
        )?;
        writeln!(out, "# release: {}", self.release.name)?;
        if let Some(published) = &self.release.published {
            writeln!(out, "# published: {published}")?;
        }
        if let Some(source) = &self.release.source {
            writeln!(out, "# source: {source}")?;
        }
        if let Some(data) = &self.release.data {
            writeln!(out, "# data: {data}")?;
        }
        for footnote in &self.footnotes {
            writeln!(out, "# footnote {}: {}", footnote.code, footnote.text)?;
        }
        Ok(())
    }

    /// Fills `record` with the row of an occupation in an area: the
    /// fixed columns, then each measure's value and footnote codes.
    fn fill_record(
        &self,
        record: &mut Vec<String>,
        occupation: &Occupation,
        area: &Area,
        estimates: &Estimates,
    ) {
        record.clear();
        record.extend([
            occupation.soc.clone(),
            occupation.title.clone(),
            area.code.clone(),
            area.kind.code().to_owned(),
            area.name.clone(),
        ]);
        for measure in Measure::ALL {
            let figure = estimates.get(measure);
            record.push(match figure.value() {
                Some(value) => format_value(value, measure.unit()),
                None if figure.is_dash() => "-".to_owned(),
                None => String::new(),
            });
            let codes: Vec<&str> = self
                .footnotes_of(figure)
                .map(|footnote| footnote.code.as_str())
                .collect();
            record.push(codes.join(","));
        }
    }
}
