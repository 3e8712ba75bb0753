//! A text sink for tests of the sink wrappers ([`super::pdf_order`],
//! [`super::pdf_overprint`]): it writes down what reaches it, each
//! character and "|" for each word start (the layout's line-break marker
//! left out).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

#[derive(Default)]
pub struct Tape(pub String);

impl Tape {
    /// Characters and word starts that reached it.
    pub fn counts(&self) -> (usize, usize) {
        let words = self.0.matches('|').count();
        (self.0.chars().count() - words, words)
    }
}

impl OutputDev for Tape {
    fn begin_page(
        &mut self,
        _: u32,
        _: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        _: &Transform,
        _: f64,
        _: f64,
        _: f64,
        c: &str,
    ) -> Result<(), OutputError> {
        if c != super::pdf_order::LINE_BREAK {
            self.0.push_str(c);
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.0.push('|');
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
