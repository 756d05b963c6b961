package ctxsleep_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/camkit/camkit/internal/ctxsleep"
)

func TestSleep(t *testing.T) {
	if err := ctxsleep.Sleep(context.Background(), 0); err != nil {
		t.Errorf("zero wait: %v", err)
	}
	if err := ctxsleep.Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("short wait: %v", err)
	}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ctxsleep.Sleep(done, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("done context, zero wait: %v", err)
	}
	ctx, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel2()
	start := time.Now()
	if err := ctxsleep.Sleep(ctx, time.Hour); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %v", err)
	}
	if time.Since(start) > time.Minute {
		t.Error("the context did not end the wait")
	}
}

func ExampleSleep() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fmt.Println(ctxsleep.Sleep(ctx, time.Hour))
	// Output: context canceled
}
