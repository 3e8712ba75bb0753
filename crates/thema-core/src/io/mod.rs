//! Files in and out: the project file, document import, codebook templates
//! and table reports.

pub mod appraisal_csv;
pub mod checklist_file;
pub mod decode;
pub mod docx;
pub mod findings_csv;
pub mod import;
pub mod library;
pub mod lock;
pub mod merge;
pub mod migrate;
pub mod paths;
pub mod pdf;
pub mod pdf_annots;
pub mod pdf_cid_unicode;
pub mod pdf_cmap;
pub mod pdf_codes;
pub mod pdf_fallback;
pub mod pdf_font_program;
pub mod pdf_fonts;
pub mod pdf_forms;
pub mod pdf_glyphs;
pub mod pdf_join;
pub mod pdf_line_numbers;
pub mod pdf_misread;
pub mod pdf_overprint;
pub mod pdf_reflow;
pub mod pdf_repair;
pub mod pdf_streams;
pub mod pdf_text;
mod project_fields;
pub mod project_file;
pub mod references;
pub mod refi;
pub mod report;
pub mod template;
pub mod zipsafe;
