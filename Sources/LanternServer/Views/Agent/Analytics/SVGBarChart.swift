/// A bar chart drawn on the server as SVG, no script and no chart library: one group of bars per label (a day),
/// one bar per series, a scale rounded to a friendly number with four grid lines, and every bar's figure in its
/// tooltip. The chart has a text title for screen readers; pages show the figures beside it as well.
struct SVGBarChart: Sendable {
    struct Series: Sendable {
        let name: String
        /// A fill colour, `#rrggbb`.
        let color: String
        let values: [Int]
    }

    let title: String
    let labels: [String]
    let series: [Series]
    var width = 720
    var height = 240

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1): the top of the scale.
    static func niceMaximum(_ value: Int) -> Int {
        var step = 1
        while true {
            for factor in [1, 2, 5] where step * factor >= value { return max(1, step * factor) }
            step *= 10
        }
    }

    var render: HTML {
        let left = 48, right = 8, top = 12, bottom = 28
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let top_ = Self.niceMaximum(series.flatMap(\.values).max() ?? 0)
        let count = max(1, labels.count)
        let group = Double(plotWidth) / Double(count)
        let bar = max(1.0, group * 0.8 / Double(max(1, series.count)))
        func y(_ value: Int) -> Double { Double(top) + Double(plotHeight) * (1 - Double(value) / Double(top_)) }
        let grid: HTML = (0...4).html { step in
            let value = top_ * step / 4
            let position = format(y(value))
            return """
                <line x1="\(left)" x2="\(width - right)" y1="\(position)" y2="\(position)" stroke="#dde1ec" stroke-width="1"/>\
                <text x="\(left - 6)" y="\(format(y(value) + 4))" text-anchor="end" font-size="11" fill="#555">\(value)</text>
                """
        }
        let bars: HTML = labels.enumerated().html { index, label in
            series.enumerated().html { offset, line in
                let value = index < line.values.count ? line.values[index] : 0
                let x = Double(left) + group * Double(index) + group * 0.1 + bar * Double(offset)
                let barTop = y(value)
                return """
                    <rect x="\(format(x))" y="\(format(barTop))" width="\(format(bar))" height="\(format(Double(top + plotHeight) - barTop))" \
                    fill="\(line.color)"><title>\(label): \(line.name) \(value)</title></rect>
                    """
            }
        }
        // At most eight labels along the axis, evenly spread.
        let every = max(1, (count + 7) / 8)
        let axis: HTML = labels.enumerated().html { index, label in
            guard index % every == 0 else { return .empty }
            let x = Double(left) + group * (Double(index) + 0.5)
            return "<text x=\"\(format(x))\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">\(label)</text>"
        }
        let legend: HTML = series.html { line in
            "<span class=\"legend\"><span class=\"swatch\" style=\"background:\(line.color)\"></span>\(line.name)</span>"
        }
        return """
            <figure class="chart"><svg viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-label="\(title)" xmlns="http://www.w3.org/2000/svg">\
            \(grid)\(bars)\(axis)</svg><figcaption>\(legend)</figcaption></figure>
            """
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
