//! Times a piece of browser work as a `performance.measure` entry, which the browser
//! benchmark (bench/search-browser.mjs) reads. Does nothing on the server.

pub struct Measure {
    #[cfg(feature = "browser")]
    name: &'static str,
}

impl Measure {
    pub fn start(_name: &'static str) -> Self {
        #[cfg(feature = "browser")]
        {
            if let Some(p) = leptos::prelude::window().performance() {
                let _ = p.mark(_name);
            }
            Self { name: _name }
        }
        #[cfg(not(feature = "browser"))]
        Self {}
    }
}

#[cfg(feature = "browser")]
impl Drop for Measure {
    fn drop(&mut self) {
        if let Some(p) = leptos::prelude::window().performance() {
            let _ = p.measure_with_start_mark(self.name, self.name);
            p.clear_marks_with_mark_name(self.name);
        }
    }
}
