//! Any bytes as a PDF through Thema's PDF wrapper: pdf-extract panics on
//! purpose on bad input, and the wrapper must turn that into an error.
//! (The app additionally runs each PDF in a worker process with limits.)
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // libFuzzer's hook aborts on any panic; the wrapper catches
    // pdf-extract's panics itself, so use the app's quiet hook instead.
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
    });
    let _ = thema_core::io::pdf::extract(data);
});
