//! Work shared among the machine's cores: start-up on the server reads and indexes every
//! article, which is most of its time. In the browser (one thread) it is one share.

/// `f` over `items` cut into one share per core, the results in order. Each share is lent
/// mutably, so work may consume what it reads (the search index takes each article's text
/// and frees it once read).
pub fn map_shares<T: Send, U: Send>(items: &mut [T], f: impl Fn(&mut [T]) -> U + Sync) -> Vec<U> {
    let cores = if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    if cores == 1 || items.len() < 2 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks_mut(size)
            .map(|share| scope.spawn(move || f(share)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker panicked"))
            .collect()
    })
}
