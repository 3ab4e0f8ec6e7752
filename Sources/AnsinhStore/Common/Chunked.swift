import AnsinhCore
import Crypto
import FluentKit
import Foundation
import SQLKit

extension Array {
    /// Consecutive slices of at most `size` elements (for batched SQL).
    public func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
